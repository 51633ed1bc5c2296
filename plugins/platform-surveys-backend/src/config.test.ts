import { ConfigReader } from '@backstage/config';
import { readPlatformSurveysConfig } from './config';

const key = 'k'.repeat(32);

describe('readPlatformSurveysConfig', () => {
  it('defaults the floor to 5', () => {
    expect(
      readPlatformSurveysConfig(
        new ConfigReader({ platformSurveys: { respondentKey: key } }),
      ),
    ).toEqual({ respondentKey: key, anonymityFloor: 5 });
  });

  it('refuses a floor below 3 or not whole', () => {
    for (const anonymityFloor of [2, 4.5]) {
      expect(() =>
        readPlatformSurveysConfig(
          new ConfigReader({
            platformSurveys: { respondentKey: key, anonymityFloor },
          }),
        ),
      ).toThrow(
        'platformSurveys.anonymityFloor must be a whole number of at least 3',
      );
    }
  });

  it('refuses to start without a respondent key of 32 characters', () => {
    expect(() => readPlatformSurveysConfig(new ConfigReader({}))).toThrow(
      'platformSurveys.respondentKey must be set',
    );
    expect(() =>
      readPlatformSurveysConfig(
        new ConfigReader({ platformSurveys: { respondentKey: 'short' } }),
      ),
    ).toThrow('at least 32 characters');
  });
});
