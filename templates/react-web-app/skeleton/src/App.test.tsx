import { {% if values.routerExample %}fireEvent, {% endif %}render, screen } from '@testing-library/react';
{% if values.routerExample %}import { MemoryRouter } from 'react-router';
{% endif %}import { describe, expect, it, vi } from 'vitest';
import { App } from './App';
import type { AppConfig } from './config';

const baseConfig: AppConfig = {
  serviceName: '${{ values.name }}',
  serviceDescription: 'Test description',
  apiBaseUrl: '',
};

function renderApp(overrides: Partial<AppConfig> = {}{% if values.routerExample %}, path = '/'{% endif %}) {
{%- if values.routerExample %}
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App config={{ ...baseConfig, ...overrides }} />
    </MemoryRouter>,
  );
{%- else %}
  return render(<App config={{ ...baseConfig, ...overrides }} />);
{%- endif %}
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('App', () => {
  it('shows the service name and description', () => {
    renderApp();

    expect(screen.getByRole('heading', { level: 1, name: '${{ values.name }}' })).toBeInTheDocument();
    expect(screen.getByText('Test description')).toBeInTheDocument();
  });

  it('explains how to configure the API when no base URL is set', () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);

    renderApp({ apiBaseUrl: '' });

    expect(screen.getByText(/No API configured yet/)).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a loading state, then what the API answered', async () => {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse({ status: 'ok' }));
    vi.stubGlobal('fetch', fetchMock);

    renderApp({ apiBaseUrl: 'https://api.example.test' });

    expect(screen.getByRole('status')).toHaveTextContent('Checking the API');
    expect(await screen.findByText('ok')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      'https://api.example.test/health',
      expect.objectContaining({ signal: expect.any(AbortSignal) as unknown }),
    );
  });

  it('shows an error when the API answers with an error status', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(jsonResponse({}, 503)));

    renderApp({ apiBaseUrl: 'https://api.example.test' });

    expect(await screen.findByRole('alert')).toHaveTextContent('HTTP 503');
  });

  it('shows an error when the API cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));

    renderApp({ apiBaseUrl: 'https://api.example.test' });

    expect(await screen.findByRole('alert')).toHaveTextContent('Failed to fetch');
  });
{%- if values.routerExample %}

  it('navigates to the About page', async () => {
    renderApp();

    fireEvent.click(screen.getByRole('link', { name: 'About' }));

    expect(await screen.findByRole('heading', { name: 'About ${{ values.name }}' })).toBeInTheDocument();
  });

  it('shows a not-found page for unknown addresses', () => {
    renderApp({}, '/no/such/page');

    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
{%- endif %}
});
