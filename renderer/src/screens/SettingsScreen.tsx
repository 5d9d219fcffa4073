import { useApp } from '../stores/app';
import { useSettings, type DisplayZone } from '../stores/settings';
import { hostKind } from '../api/client';

const ZONES: Array<[DisplayZone, string]> = [
  ['America/New_York', 'New York (exchange time, DST-aware)'],
  ['UTC', 'UTC'],
  ['local', `This computer (${Intl.DateTimeFormat().resolvedOptions().timeZone})`],
];

export function SettingsScreen() {
  const info = useApp((s) => s.info);
  const { theme, zone, setTheme, setZone } = useSettings();
  return (
    <div className="page">
      <div className="page-head">
        <h1>Settings</h1>
        <span className="sub">Display preferences are kept in this browser profile.</span>
      </div>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(320px, 480px) minmax(320px, 560px)' }}>
        <section className="panel">
          <header>Display</header>
          <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <label className="field">
              Theme
              <div className="seg">
                {(['dark', 'light'] as const).map((t) => (
                  <button key={t} className={theme === t ? 'on' : ''} onClick={() => setTheme(t)}>
                    {t === 'dark' ? 'Dark' : 'Light'}
                  </button>
                ))}
              </div>
            </label>
            <label className="field">
              Time zone for charts and tables
              <select className="input" value={zone} onChange={(e) => setZone(e.target.value as DisplayZone)}>
                {ZONES.map(([z, label]) => (
                  <option key={z} value={z}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <div className="dim">Sessions and end-of-day exits are always computed on the New York clock; this only changes how times are shown.</div>
          </div>
        </section>
        <section className="panel">
          <header>Workstation</header>
          <div className="body">
            {info ? (
              <div className="kv">
                <div className="k">Version</div>
                <div className="v">{info.version}</div>
                <div className="k">Host</div>
                <div className="v">{hostKind() === 'electron' ? 'desktop app' : `mlf serve (${info.host})`}</div>
                <div className="k">Platform</div>
                <div className="v">{info.platform}</div>
                <div className="k">CPU cores</div>
                <div className="v">{info.cpus}</div>
                <div className="k">Candle store</div>
                <div className="v mono">{info.storePath}</div>
              </div>
            ) : (
              <div className="empty">Connecting…</div>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
