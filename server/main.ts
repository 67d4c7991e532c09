/** `npm start`: see start.ts. Stops cleanly on SIGINT and SIGTERM. */
import { readConfig } from './platform/config';
import { startServer } from './start';

async function main() {
  const server = await startServer(readConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal}: shutting down`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`Open NMIRF could not start: ${error?.message ?? error}`);
  process.exit(1);
});
