import { ResponseError } from '@backstage/errors';
import { errorMessage } from './errorMessage';

async function responseError(status: number, body: unknown) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status,
      statusText: 'Bad Request',
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

describe('errorMessage', () => {
  it("reads the server's own message of a ResponseError", async () => {
    const error = await responseError(400, {
      error: { name: 'InputError', message: 'window: must be one of 7d, 30d' },
      response: { statusCode: 400 },
    });
    expect(errorMessage(error)).toBe('window: must be one of 7d, 30d');
  });

  it('falls back to the message of a plain error, and to the text of anything else', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('nope')).toBe('nope');
  });
});
