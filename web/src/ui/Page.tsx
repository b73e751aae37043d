import { useEffect, type ReactNode } from 'react';

/** A screen: its heading is the document title, so tabs and history say where one is. */
export function Page({ title, actions, children, wide }: { title: string; actions?: ReactNode; children: ReactNode; wide?: boolean }) {
  useEffect(() => {
    document.title = `${title} · SSW`;
  }, [title]);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <div className="page-head">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
