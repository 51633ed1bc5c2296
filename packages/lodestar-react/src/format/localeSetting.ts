/*
 * The person's "Date and number format" setting, kept through Backstage's
 * StorageApi: with the user-settings backend (the app installs it) the
 * choice follows the person to every browser; signed out it stays in this
 * browser. No value means "as the browser prefers".
 *
 * Every component that formats asks for it, so one store per StorageApi
 * holds the latest value and observes the setting once for all of them:
 * a page of cards neither fetches it per card nor flashes the default
 * format while the value loads again.
 */
import { storageApiRef, useApi } from '@backstage/frontend-plugin-api';
import type {
  StorageApi,
  StorageValueSnapshot,
} from '@backstage/frontend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import {
  browserLocales,
  canonicalLocale,
  createLocaleFormat,
  LocaleFormat,
} from './localeFormat';

/** Where the setting lives: bucket and key of the StorageApi. */
export const LOCALE_SETTING = { bucket: 'lodestar', key: 'locale' } as const;

class LocaleSettingStore {
  private value: string | undefined;
  private readonly listeners = new Set<() => void>();
  private subscription?: { unsubscribe(): void };

  constructor(private readonly bucket: StorageApi) {
    this.value = this.read(bucket.snapshot(LOCALE_SETTING.key), undefined);
  }

  readonly get = () => this.value;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (!this.subscription) {
      this.subscription = this.bucket
        .observe$<JsonValue>(LOCALE_SETTING.key)
        .subscribe({ next: snapshot => this.update(snapshot) });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.subscription?.unsubscribe();
        this.subscription = undefined;
      }
    };
  };

  private read(
    snapshot: StorageValueSnapshot<JsonValue>,
    current: string | undefined,
  ): string | undefined {
    if (snapshot.presence === 'unknown') return current; // still loading
    return snapshot.presence === 'present'
      ? canonicalLocale(snapshot.value)
      : undefined;
  }

  private update(snapshot: StorageValueSnapshot<JsonValue>) {
    const next = this.read(snapshot, this.value);
    if (next === this.value) return;
    this.value = next;
    this.listeners.forEach(listener => listener());
  }
}

const stores = new WeakMap<StorageApi, LocaleSettingStore>();

function useStore(): { store: LocaleSettingStore; bucket: StorageApi } {
  const storageApi = useApi(storageApiRef);
  return useMemo(() => {
    let store = stores.get(storageApi);
    const bucket = storageApi.forBucket(LOCALE_SETTING.bucket);
    if (!store) {
      store = new LocaleSettingStore(bucket);
      stores.set(storageApi, store);
    }
    return { store, bucket };
  }, [storageApi]);
}

export type LocaleSetting = {
  /** The chosen locale ("de-DE"), or undefined for the browser's. */
  locale: string | undefined;
  /** Saves a choice; undefined goes back to the browser's. */
  setLocale(locale: string | undefined): Promise<void>;
};

export function useLocaleSetting(): LocaleSetting {
  const { store, bucket } = useStore();
  const locale = useSyncExternalStore(store.subscribe, store.get);
  const setLocale = useCallback(
    async (next: string | undefined) => {
      const tag = canonicalLocale(next);
      if (tag) await bucket.set(LOCALE_SETTING.key, tag);
      else await bucket.remove(LOCALE_SETTING.key);
    },
    [bucket],
  );
  return { locale, setLocale };
}

/** The formats for the person's setting, or the browser's languages. */
export function useLocaleFormat(): LocaleFormat {
  const { locale } = useLocaleSetting();
  return useMemo(
    () => createLocaleFormat(locale ?? browserLocales()),
    [locale],
  );
}
