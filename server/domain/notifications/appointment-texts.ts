import type { AppointmentChange, Language, PersonalEvent } from "./email-templates.ts";

type AppointmentEvent = Extract<PersonalEvent, { kind: "appointment_changed" }>;

const titles: Record<AppointmentChange, { ru: string; en: string }> = {
  appointment_requested: { ru: "Новый запрос на запись", en: "New appointment request" },
  appointment_accepted: { ru: "Запись принята", en: "Appointment accepted" },
  appointment_rejected: { ru: "Запись отклонена", en: "Appointment rejected" },
  appointment_auto_rejected: { ru: "Запись отклонена: нет ответа", en: "Appointment rejected: no answer in time" },
  appointment_cancelled: { ru: "Запись отменена", en: "Appointment cancelled" },
  appointment_completed: { ru: "Запись завершена", en: "Appointment completed" },
  appointment_no_show: { ru: "Отмечена неявка", en: "No-show recorded" },
  appointment_reminder_day: { ru: "Напоминание: запись через 24 часа", en: "Reminder: appointment in 24 hours" },
  appointment_reminder_soon: { ru: "Напоминание: запись через 15 минут", en: "Reminder: appointment in 15 minutes" },
};

/** The line of an appointment notification; times are given in the reader's zone by the caller. */
export function describeAppointmentChange(event: AppointmentEvent, language: Language, when?: string): { title: string; body: string } {
  const ru = language === "ru";
  const title = (ru ? (event.title.ru ?? event.title.en) : (event.title.en ?? event.title.ru)) ?? "";
  const at = when ?? event.startsAt;
  const reason = event.reason ? (ru ? ` Причина: ${event.reason}` : ` Reason: ${event.reason}`) : "";
  return {
    title: `${titles[event.change][language]}: «${title}»`,
    body: ru ? `Запись на ${at}.${reason}` : `Appointment at ${at}.${reason}`,
  };
}
