import express from 'express';
import { AddressInfo } from 'node:net';
import { bodyTooLarge, jsonBody, rawBody } from './bodyParser';

function app(parser: express.RequestHandler) {
  const a = express();
  const answer = (req: express.Request, res: express.Response) => {
    res.json({ received: Buffer.isBuffer(req.body) ? 'bytes' : req.body });
  };
  a.post('/', parser, bodyTooLarge('too big; send less'), answer);
  a.use(
    (
      error: Error & { statusCode?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res
        .status(error.statusCode ?? 500)
        .json({ name: error.name, message: error.message });
    },
  );
  return a;
}

/** POSTs `body` to `a` on a free port; answers status and JSON body. */
async function post(
  a: express.Express,
  body: string,
  contentType: string,
): Promise<{ status: number; body: unknown }> {
  const server = a.listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

const JSON_TYPE = 'application/json';

describe('body limits', () => {
  it('parses JSON up to the limit and refuses more with a 413', async () => {
    const a = app(jsonBody(20));
    expect(await post(a, '{"a":"b"}', JSON_TYPE)).toEqual({
      status: 200,
      body: { received: { a: 'b' } },
    });
    const res = await post(a, JSON.stringify({ a: 'b'.repeat(30) }), JSON_TYPE);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      name: 'PayloadTooLargeError',
      message: 'too big; send less',
    });
  });

  it('reads raw bytes of any content type', async () => {
    const a = app(rawBody(20));
    expect(await post(a, 'a=b', 'application/x-www-form-urlencoded')).toEqual({
      status: 200,
      body: { received: 'bytes' },
    });
    expect((await post(a, 'x'.repeat(30), 'text/plain')).status).toBe(413);
  });
});
