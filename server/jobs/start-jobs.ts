import type { AppContext } from "../context.ts";
import { autoRejectAppointments } from "../domain/appointments/auto-reject-appointments.ts";
import { sendAppointmentReminders } from "../domain/appointments/send-appointment-reminders.ts";
import { recordAppointmentPresence } from "../domain/appointments/record-appointment-presence.ts";
import { purgeExpiredCredentials } from "../domain/accounts/purge-expired-credentials.ts";
import { autoAcceptOrders } from "../domain/orders/auto-accept-orders.ts";
import { expirePresence } from "../domain/presence/expire-presence.ts";
import { PRESENCE_SWEEP_MS } from "../domain/presence/presence-timing.ts";
import { endAbandonedSessions } from "../domain/sessions/end-abandoned-sessions.ts";
import { expireRingingCalls } from "../domain/sessions/expire-ringing-calls.ts";
import { meterLiveSessions } from "../domain/sessions/meter-live-sessions.ts";
import { resumePausedProviders } from "../domain/presence/resume-paused-providers.ts";
import { advanceQueues } from "../domain/queue/advance-queues.ts";
import { clearPendingEarnings } from "../domain/earnings/clear-pending-earnings.ts";
import { retryMissedCalls } from "../domain/sessions/retry-missed-calls.ts";
import { expirePackages } from "../domain/packages/expire-packages.ts";
import { purgeExpiredRecordings } from "../domain/recordings/purge-expired-recordings.ts";

type Job = { name: string; everyMs: number; run(ctx: AppContext): Promise<unknown> };

const jobs: Job[] = [
  { name: "purge-expired-credentials", everyMs: 10 * 60_000, run: purgeExpiredCredentials },
  // SPEC 6: delivered work is accepted once its review period has passed.
  { name: "auto-accept-orders", everyMs: 60_000, run: (ctx) => autoAcceptOrders(ctx) },
  // SPEC 5: blocks are charged from the database's metering state; half a second late at most.
  { name: "meter-live-sessions", everyMs: 500, run: meterLiveSessions },
  { name: "expire-ringing-calls", everyMs: 1_000, run: expireRingingCalls },
  // Rule 7: sessions whose parties stopped sending heartbeats end and are settled.
  { name: "end-abandoned-sessions", everyMs: 1_000, run: endAbandonedSessions },
  { name: "expire-presence", everyMs: PRESENCE_SWEEP_MS, run: expirePresence },
  // SPEC 15: pauses end, queue turns are given and expire, queues close, missed calls retry.
  { name: "resume-paused-providers", everyMs: 1_000, run: resumePausedProviders },
  { name: "advance-queues", everyMs: 1_000, run: advanceQueues },
  { name: "retry-missed-calls", everyMs: 1_000, run: retryMissedCalls },
  // SPEC 16: pending requests without a decision are rejected; presence in an appointment's window is recorded.
  { name: "auto-reject-appointments", everyMs: 5_000, run: autoRejectAppointments },
  { name: "record-appointment-presence", everyMs: 5_000, run: recordAppointmentPresence },
  { name: "send-appointment-reminders", everyMs: 30_000, run: sendAppointmentReminders },
  // SPEC 18: minute packages whose validity ran out end; the rest of the hold goes to the provider.
  { name: "expire-packages", everyMs: 1_000, run: expirePackages },
  // SPEC 18: recordings are kept 30 days.
  { name: "purge-expired-recordings", everyMs: 60_000, run: purgeExpiredRecordings },
  // SPEC 17: earnings past CLEARANCE_HOURS become available for payout.
  { name: "clear-pending-earnings", everyMs: 5_000, run: (ctx) => clearPendingEarnings(ctx) },
];

/**
 * Background loops. Each run finishes before the next is scheduled, and stopping waits
 * for a run in progress, so shutdown never cuts a job in half.
 */
export function startJobs(ctx: AppContext) {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  const schedule = (job: Job) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run(ctx)
        .catch((error: unknown) => ctx.logger.error({ err: error, job: job.name }, "job failed"))
        .finally(() => {
          running.delete(run);
          schedule(job);
        });
      running.add(run);
    }, job.everyMs);
    timers.add(timer);
  };
  jobs.forEach(schedule);
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.all(running);
    },
  };
}
