// Run as a child process by main.test.ts: `cifras serve` in miniature, so signals can be tested
// on a real process.
import { startServer } from '../../src/main.js';

const server = await startServer({ env: process.env });
process.stdout.write(`READY ${server.url}\n`);
