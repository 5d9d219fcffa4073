// Sandboxed preload (emitted as CommonJS): the page gets the typed contract client, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../../shared/contract/client';
import type { MlfApi } from '../../shared/contract/index';
import { createIpcTransport } from './ipcTransport';

const api = createClient(createIpcTransport(ipcRenderer)) satisfies MlfApi;

contextBridge.exposeInMainWorld('mlf', api);
