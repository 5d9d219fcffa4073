import { useEffect } from 'react';
import { useApp, startAppStore } from './stores/app';
import { useRoute, hrefFor } from './stores/route';
import { useSettings } from './stores/settings';
import { SCREENS, DEFAULT_SCREEN } from './screens/registry';
import { Toasts } from './components/Toasts';
import { hostKind } from './api/client';

let started = false;

export function App() {
  const theme = useSettings((s) => s.theme);
  const route = useRoute((s) => s.route);
  const info = useApp((s) => s.info);
  const connection = useApp((s) => s.connection);

  useEffect(() => {
    if (started) return;
    started = true;
    startAppStore();
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = SCREENS.find((x) => x.nav && x.key === e.key);
      if (s) {
        e.preventDefault();
        useRoute.getState().go(s.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const screen = SCREENS.find((s) => s.id === route.screen) ?? SCREENS.find((s) => s.id === DEFAULT_SCREEN)!;
  const Screen = screen.component;
  useEffect(() => {
    document.title = `${screen.label} · MLF Workstation`;
  }, [screen.label]);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="logo" />
          MLF Workstation
        </div>
        <span className="title">{screen.label}</span>
        <span className="spacer" />
        <ThemeZoneControls />
      </header>
      <nav className="nav">
        {SCREENS.filter((s) => s.nav).map((s) => (
          <a key={s.id} href={hrefFor(s.id)} className={s.id === screen.id ? 'active' : ''} data-testid={`nav-${s.id}`}>
            {s.label}
            <span className="kbd" title={`Alt+${s.key}`}>
              {s.key}
            </span>
          </a>
        ))}
      </nav>
      <main className="main">
        <Screen key={screen.id} args={route.args} />
      </main>
      <footer className="statusbar">
        <span data-testid="connection" data-state={connection}>
          <span className={`dot ${connection}`} />
          {connection === 'open' ? 'connected' : connection}
        </span>
        <span>{hostKind() === 'electron' ? 'desktop' : 'browser · mlf serve'}</span>
        <span className="spacer" />
        {info && (
          <>
            <span className="mono" title="candle store">
              {info.storePath}
            </span>
            <span>{info.cpus} cores</span>
            <span>v{info.version}</span>
          </>
        )}
      </footer>
      <Toasts />
    </div>
  );
}

function ThemeZoneControls() {
  const { theme, zone, setTheme, setZone } = useSettings();
  return (
    <div className="row">
      <select className="input" value={zone} onChange={(e) => setZone(e.target.value as typeof zone)} title="Display time zone" data-testid="zone-select">
        <option value="America/New_York">New York</option>
        <option value="UTC">UTC</option>
        <option value="local">Local</option>
      </select>
      <div className="seg" role="group" aria-label="Theme">
        <button className={theme === 'dark' ? 'on' : ''} onClick={() => setTheme('dark')}>
          Dark
        </button>
        <button className={theme === 'light' ? 'on' : ''} onClick={() => setTheme('light')}>
          Light
        </button>
      </div>
    </div>
  );
}
