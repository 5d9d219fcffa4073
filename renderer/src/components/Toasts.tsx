import { useEffect } from 'react';
import { useApp } from '../stores/app';

/** Backend log events and UI errors; errors stay until dismissed, the rest fade after 6 s. */
export function Toasts() {
  const messages = useApp((s) => s.messages);
  const dismiss = useApp((s) => s.dismiss);
  useEffect(() => {
    const timers = messages.filter((m) => m.level !== 'error').map((m) => setTimeout(() => dismiss(m.at), 6000));
    return () => timers.forEach(clearTimeout);
  }, [messages, dismiss]);
  return (
    <div className="toasts">
      {messages.map((m) => (
        <div key={m.at} className={`toast ${m.level}`} onClick={() => dismiss(m.at)} role="alert">
          {m.message}
        </div>
      ))}
    </div>
  );
}
