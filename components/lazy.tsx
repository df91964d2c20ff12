/**
 * A component whose code is fetched the first time it is shown, so forms that open only on a
 * click (reschedule, delete a contact) stay out of the side panel's start-up bundle.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [C, setC] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (C) return;
      let live = true;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      void loading.then((c) => live && setC(() => c));
      return () => {
        live = false;
      };
    }, [C]);
    return C ? <C {...props} /> : null;
  };
}
