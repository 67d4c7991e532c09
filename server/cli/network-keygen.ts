/**
 * `npm run network:keygen [-- --out FILE] [--force]`: makes the instance's Ed25519 key pair for
 * publishing to the Network hub. The private key is written to NETWORK_KEY_FILE (or --out) with
 * file mode 600 and never printed; the public key (a JWK with its key id) is printed, to be
 * registered with the hub. An existing key file is kept unless --force is given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateInstanceKeys } from '../modules/federation/package-signature';
import { runIfMain, UsageError, type Command } from './command';

const USAGE = 'Usage: npm run network:keygen [-- --out FILE] [--force]   (default FILE: NETWORK_KEY_FILE)\n';

function readArgs(args: string[], env: NodeJS.ProcessEnv): { out: string | undefined; force: boolean } {
  let out = env.NETWORK_KEY_FILE || undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--force') force = true;
    else if (args[i] === '--out' && args[i + 1]) out = args[++i];
    else throw new UsageError(`unknown argument ${args[i]}`);
  }
  return { out, force };
}

export const networkKeygen: Command = async (args, io) => {
  let options: ReturnType<typeof readArgs>;
  try {
    options = readArgs(args, io.env);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options.out) {
    io.stderr(`Where should the private key go? Set NETWORK_KEY_FILE or pass --out FILE.\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(io.cwd, options.out);
  if (fs.existsSync(file) && !options.force) {
    io.stderr(`${file} exists: the instance already has a key. Keep it, or pass --force to replace it (the hub must then approve the new key).\n`);
    return 1;
  }
  const keys = await generateInstanceKeys();
  // Written to a temporary file created with mode 600, then moved into place: the key is never
  // readable by others, not even for a moment, and a failure leaves no half-written key.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, keys.privateKeyPem, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    io.stderr(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  io.stdout(`Private key written to ${file} (mode 600). Register this public key with the Network hub:\n${JSON.stringify(keys.publicJwk)}\n`);
  return 0;
};

runIfMain(import.meta.url, networkKeygen);
