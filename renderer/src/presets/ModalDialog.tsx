import { type ReactNode, useEffect, useRef } from 'react';

interface ModalDialogProps {
  labelledBy: string;
  describedBy?: string;
  className: string;
  /** Called when the dialog closes itself (Escape). */
  onClose: () => void;
  children: ReactNode;
}

/**
 * A native modal `<dialog>`, shown while mounted: the browser makes the rest of the page inert, traps
 * focus, and closes it on Escape.
 */
export function ModalDialog({ labelledBy, describedBy, className, onClose, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const closed = () => onCloseRef.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={className} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      {children}
    </dialog>
  );
}
