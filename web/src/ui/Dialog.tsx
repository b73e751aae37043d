import { Dialog as Radix } from 'radix-ui';
import type { ReactNode } from 'react';
import { T } from '../i18n';

/** A modal dialog (Radix: focus trap, Escape, labelled by its title). */
export function Dialog({ open, onOpenChange, title, description, children }: { open: boolean; onOpenChange(open: boolean): void; title: ReactNode; description?: ReactNode; children: ReactNode }) {
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content className="dialog" aria-describedby={description ? undefined : undefined}>
          <Radix.Title>{title}</Radix.Title>
          {description ? <Radix.Description>{description}</Radix.Description> : <Radix.Description className="sr-only">{title}</Radix.Description>}
          {children}
          <Radix.Close className="dialog-close" aria-label="×">
            <span aria-hidden="true">×</span>
            <span className="sr-only"><T id="action.close" /></span>
          </Radix.Close>
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}

/** An irreversible action: says what will happen and asks once more. */
export function ConfirmDialog({ open, onOpenChange, title, children, confirmLabel, onConfirm, busy }: { open: boolean; onOpenChange(open: boolean): void; title: ReactNode; children: ReactNode; confirmLabel: ReactNode; onConfirm(): void; busy?: boolean }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title}>
      {children}
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" onClick={() => onOpenChange(false)}>
          <T id="action.cancel" />
        </button>
      </div>
    </Dialog>
  );
}
