export { OpenSurveysCard } from './OpenSurveysCard';
export { OpenSurveysList, useOpenSurveys } from './OpenSurveys';
