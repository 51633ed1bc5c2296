import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts on the sign-in page with the guest provider of the embedded default', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // What a person sees first: the whole app mounted, its own sign-in page
    // (not a crash screen), with the provider the config names.
    expect(await screen.findByText('Welcome to Lodestar')).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
  });
});
