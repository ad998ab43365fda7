interface ConflictNoticeProps {
  onReload: () => void;
  onDismiss: () => void;
  reloading: boolean;
}

/** Someone saved this customer after the form was opened: say so, and offer their version. */
export function ConflictNotice({ onReload, onDismiss, reloading }: ConflictNoticeProps) {
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>Someone else changed this customer</strong> after you opened the form, so your changes were not saved (nothing
        was overwritten). Reload to see their version, then make your changes again.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onReload} disabled={reloading}>{reloading ? 'Reloading…' : 'Reload their version'}</button>
        <button type="button" onClick={onDismiss}>Keep my changes on screen</button>
      </div>
    </div>
  );
}
