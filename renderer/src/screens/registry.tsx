import type { ComponentType } from 'react';
import { BacktestScreen } from './BacktestScreen';
import { DataScreen } from './DataScreen';
import { InspectScreen } from './InspectScreen';
import { OptimizeScreen } from './OptimizeScreen';
import { SettingsScreen } from './SettingsScreen';

export interface ScreenDef {
  id: string;
  label: string;
  /** Single-key shortcut shown in the navigation (with Alt). */
  key: string;
  component: ComponentType<{ args: string[] }>;
  /** Listed in the navigation; detail screens are reached from others. */
  nav: boolean;
}

/** Every screen, in navigation order. A screen exists here only once its procedures exist. */
export const SCREENS: ScreenDef[] = [
  { id: 'data', label: 'Data', key: '1', component: DataScreen, nav: true },
  { id: 'backtest', label: 'Backtest', key: '2', component: BacktestScreen, nav: true },
  { id: 'optimize', label: 'Optimize', key: '3', component: OptimizeScreen, nav: true },
  { id: 'inspect', label: 'Inspect', key: '4', component: InspectScreen, nav: true },
  { id: 'settings', label: 'Settings', key: '9', component: SettingsScreen, nav: true },
];

export const DEFAULT_SCREEN = SCREENS[0]!.id;
