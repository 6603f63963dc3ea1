/**
 * A question asked before an action that cannot be taken back (a replay sends messages to a
 * service again). A modal <dialog>: the browser keeps the focus inside it, Escape cancels, and the
 * focus returns to the button that opened it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Confirm({ title, children, confirm, onConfirm, onCancel }: {
  title: string;
  children: ReactNode;
  /** The confirming button's words, which say what it does ("Replay 3 messages"). */
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby={heading} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={heading}>{title}</h2>
      {children}
      <p className="actions">
        <button type="button" className="button" onClick={onConfirm}>{confirm}</button>
        <button type="button" className="button secondary" autoFocus onClick={onCancel}>Cancel</button>
      </p>
    </dialog>
  );
}
