// In the server child: the CPU time spent between measure-start and measure-end, and optionally
// a V8 CPU profile of just that window (through the inspector, so start-up and module loading
// stay out of it), written as a .cpuprofile Chrome DevTools and speedscope can open.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Measured } from './server-spec.js';

export interface MeasureWindow {
  end(): Promise<Measured>;
}

export async function startMeasureWindow(profilePath: string | null): Promise<MeasureWindow> {
  let session: Session | null = null;
  if (profilePath !== null) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  return {
    async end() {
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - started;
      if (session !== null && profilePath !== null) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(profilePath, JSON.stringify(profile));
        session.disconnect();
      }
      return { cpuMicros: used.user + used.system, wallMs, profilePath };
    },
  };
}
