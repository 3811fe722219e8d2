/** A conversation as a resident downloads it: one line per message, oldest first, readable in any editor. */
import type { Activity } from 'botbuilder';

const HEADER = 'Samtale med personvernboten / Conversation with the privacy bot\n(Slik kommunen lagrar henne: personopplysningar er maskerte. / As the municipality stores it: personal data masked.)\n';

export function transcriptText(activities: readonly Partial<Activity>[]): string {
  const lines = activities
    .filter((a) => a.type === 'message' && (a.text || a.attachments?.length))
    .map((a) => {
      const time = a.timestamp ? new Date(a.timestamp) : undefined;
      const at = time && !Number.isNaN(time.getTime()) ? time.toISOString().replace('T', ' ').slice(0, 16) : '';
      const who = a.from?.role === 'bot' ? 'Chatbot' : 'Du / You';
      const text = a.text?.trim() || '[kort / card]';
      return `[${at}] ${who}:\n${text}\n`;
    });
  return [HEADER, ...lines].join('\n');
}
