// Stands in for Electron's utilityProcess in tests: gives a child_process.fork child the
// `process.parentPort` a utility process has (messages wrapped as { data }), then runs the worker
// entry named in argv, which takes its utilityProcess path.
import { pathToFileURL } from 'node:url';

process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    if (process.connected) process.send(message);
  },
};
// A utility process dies with the app; a forked stand-in must die with the test.
process.on('disconnect', () => process.exit(0));
await import(pathToFileURL(process.argv[2]).href);
