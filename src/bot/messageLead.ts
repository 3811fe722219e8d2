/**
 * One message out of two: a reply given in the middle of a dialog goes in front of the dialog's
 * question, asked again, instead of arriving as its own bubble before it. One message per turn
 * reads as one reply and costs the channel one connector call instead of two or three (which
 * under load is most of a turn's time: each call waits its turn at the server).
 */
import type { Activity } from 'botbuilder';
import type { Reply } from './replies';

/**
 * `lead`, then `bridge` ("Let us continue:"), then `message`'s text; the lead's outcome and sources
 * describe the whole (it is what the resident asked for); `message` keeps its buttons, its flags
 * and its attachments, after the lead's.
 */
export function withLead(lead: Reply, bridge: string, message: Partial<Activity>): Partial<Activity> {
  const attachments = [...(lead.attachments ?? []), ...(message.attachments ?? [])];
  const { outcome, sources, confidence } = lead.channelData;
  return {
    ...message,
    text: [lead.text, bridge, message.text].filter(Boolean).join('\n\n'),
    ...(attachments.length ? { attachments } : {}),
    channelData: { ...(message.channelData as object | undefined), outcome, sources, ...(confidence !== undefined ? { confidence } : {}) },
  };
}
