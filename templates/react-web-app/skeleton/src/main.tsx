import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
{% if values.routerExample %}import { BrowserRouter } from 'react-router';
{% endif %}import { App } from './App';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element to mount the app into');
}

createRoot(container).render(
  <StrictMode>
{%- if values.routerExample %}
    <BrowserRouter>
      <App />
    </BrowserRouter>
{%- else %}
    <App />
{%- endif %}
  </StrictMode>,
);
