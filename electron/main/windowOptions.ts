import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './windowState';

export interface WindowOptionsInput {
  /** Absolute path of the CommonJS preload bundle (sandboxed preloads cannot load ES modules). */
  preload: string;
  /** Remembered bounds; without x/y the window is centred. */
  bounds: WindowBounds;
  /** Window icon (Linux and Windows; macOS takes the bundle's icon). */
  icon?: string;
  /** DevTools only for development builds: a packaged app has no use for them. */
  devTools: boolean;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;

/**
 * The one place the main window's options are decided. Pure, so a unit test can hold every
 * security switch to its required value: the renderer is untrusted web content that reaches the
 * backend only through the contract client the preload exposes.
 */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { bounds } = input;
  return {
    title: 'MLF Workstation',
    width: Math.max(bounds.width, MIN_WIDTH),
    height: Math.max(bounds.height, MIN_HEIGHT),
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : { center: true }),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#101418',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
