/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the API the app calls, e.g. https://quotes.tidewater.internal */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
