import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { T, type MessageId } from '../i18n';
import { Dialog } from '../ui/Dialog';

export interface Shortcut {
  /** The key as KeyboardEvent.key reports it, e.g. "n", "?", "/". */
  key: string;
  label: MessageId;
  run(): void;
}

type Registry = { add(list: Shortcut[]): () => void };
const ShortcutContext = createContext<Registry>({ add: () => () => {} });

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.cm-editor'));

/** Single-key shortcuts for the screen in view; `?` lists them, as GitHub does. */
export function ShortcutProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const screen = useRef<Shortcut[][]>([]);
  const [, setVersion] = useState(0);
  const pendingG = useRef(false);

  const global: (Shortcut & { display: string })[] = [
    { key: '?', display: '?', label: 'shortcuts.help', run: () => setOpen(true) },
    { key: 'h', display: 'g h', label: 'shortcuts.home', run: () => navigate('/') },
    { key: 's', display: 'g s', label: 'shortcuts.standards', run: () => navigate('/standards') },
    { key: 'p', display: 'g p', label: 'shortcuts.profile', run: () => navigate('/profile') },
  ];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (pendingG.current) {
        pendingG.current = false;
        const nav = global.find((s) => s.display === `g ${e.key}`);
        if (nav) {
          e.preventDefault();
          nav.run();
          return;
        }
      }
      if (e.key === 'g') {
        pendingG.current = true;
        return;
      }
      if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
        return;
      }
      const hit = screen.current.flat().find((s) => s.key === e.key);
      if (hit) {
        e.preventDefault();
        hit.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const registry: Registry = {
    add(list) {
      screen.current.push(list);
      setVersion((v) => v + 1);
      return () => {
        screen.current = screen.current.filter((l) => l !== list);
        setVersion((v) => v + 1);
      };
    },
  };

  return (
    <ShortcutContext.Provider value={registry}>
      {children}
      <Dialog open={open} onOpenChange={setOpen} title={<T id="shortcuts.title" />}>
        <table className="data shortcuts">
          <tbody>
            {[...global.map((s) => ({ k: s.display, label: s.label })), ...screen.current.flat().map((s) => ({ k: s.key, label: s.label }))].map((s) => (
              <tr key={s.k}>
                <th scope="row">
                  <kbd>{s.k}</kbd>
                </th>
                <td>
                  <T id={s.label} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Dialog>
    </ShortcutContext.Provider>
  );
}

/** Registers the screen's shortcuts while it is mounted. */
export function useShortcuts(list: Shortcut[]) {
  const registry = useContext(ShortcutContext);
  const latest = useRef(list);
  latest.current = list;
  const keys = list.map((s) => s.key).join(' ');
  useEffect(() => {
    const proxies = latest.current.map((s, i) => ({ ...s, run: () => latest.current[i]?.run() }));
    return registry.add(proxies);
  }, [keys]);
}
