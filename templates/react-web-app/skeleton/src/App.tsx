{% if values.routerExample %}import { NavLink, Route, Routes } from 'react-router';
{% endif %}import { ApiStatus } from './ApiStatus';
import { config as defaultConfig, type AppConfig } from './config';
import './App.css';

interface AppProps {
  /** Injected by tests; the real app uses the build-time config. */
  config?: AppConfig;
}

export function App({ config = defaultConfig }: AppProps) {
  return (
    <div className="layout">
      <header className="header">
        <h1>{config.serviceName}</h1>
        <p className="muted">{config.serviceDescription}</p>
{%- if values.routerExample %}
        <nav aria-label="Main">
          <NavLink to="/" end>
            Home
          </NavLink>
          <NavLink to="/about">About</NavLink>
        </nav>
{%- endif %}
      </header>
      <main className="content">
{%- if values.routerExample %}
        <Routes>
          <Route path="/" element={<ApiStatus apiBaseUrl={config.apiBaseUrl} />} />
          <Route path="/about" element={<AboutPage config={config} />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
{%- else %}
        <ApiStatus apiBaseUrl={config.apiBaseUrl} />
{%- endif %}
      </main>
    </div>
  );
}
{%- if values.routerExample %}

function AboutPage({ config }: { config: AppConfig }) {
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">About {config.serviceName}</h2>
      <p>
        This app was created from the Lodestar <em>React web app</em> golden path. Its owner, system
        and lifecycle live in <code>catalog-info.yaml</code>.
      </p>
    </section>
  );
}

function NotFoundPage() {
  return (
    <section className="card" aria-labelledby="not-found-title">
      <h2 id="not-found-title">Page not found</h2>
      <p>
        Nothing lives at this address. <NavLink to="/">Go back home</NavLink>.
      </p>
    </section>
  );
}
{%- endif %}
