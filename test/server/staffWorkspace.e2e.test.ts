import assert from 'node:assert/strict';
import { join } from 'node:path';
import pino from 'pino';
import { STAFF_ACCOUNTS_FILE_NAME } from '../../src/staff/accounts';
import { addStaffAccount } from '../../src/staff/addAccount';
import { type RunningServer, startServer } from '../../src/server/startServer';
import { PRODUCT_CONTENT_DIR, sayOverApiMessages, testServerConfig } from '../helpers';
import { PASSWORD, StaffClient } from '../staff/support';

const logger = pino({ level: 'silent' });

const residentSays = (server: RunningServer, conversation: string, text: string, municipality: string) => sayOverApiMessages(server.url, conversation, text, municipality);

describe('the staff workspace on the real server', () => {
  let server: RunningServer;
  let staff: StaffClient;

  before(async () => {
    const config = testServerConfig({ CONTENT_DIR: PRODUCT_CONTENT_DIR });
    await addStaffAccount({
      file: join(config.DATA_DIR, STAFF_ACCOUNTS_FILE_NAME), email: 'kari@askim.kommune.no', role: 'staff', municipality: 'askim',
      password: PASSWORD, municipalities: ['askim', 'stranda', 'sveio', 'bjornafjorden', 'generic'], scrypt: { N: 1024, r: 8, p: 1 },
    });
    server = await startServer(config, logger);
    await residentSays(server, 'askim-1', 'Hvor lenge lagres opptak fra kameraovervåking?', 'askim');
    await residentSays(server, 'askim-1', 'Jeg vil at dere sletter opplysningene mine', 'askim');
    await residentSays(server, 'askim-1', 'Barnehagen, svar til kari.nordmann@eksempel.no', 'askim');
    await residentSays(server, 'stranda-1', 'Kor lenge blir opptak frå kameraovervaking lagra?', 'stranda');
    staff = new StaffClient(server.url);
    await staff.signIn('kari@askim.kommune.no');
  });
  after(async () => server.close());

  it('shows what the bot could not answer, from the residents’ own conversations', async () => {
    const page = await (await staff.get('/staff/unanswered')).text();
    assert.match(page, /Hvor lenge lagres opptak fra kameraovervåking\?/);
    assert.doesNotMatch(page, /Kor lenge blir opptak/, 'not another municipality’s');
  });

  it('shows the transcript, with the dialog’s personal answers kept out of it', async () => {
    const list = await (await staff.get('/staff/conversations')).text();
    assert.match(list, /askim-1/);
    assert.doesNotMatch(list, /stranda-1/);
    const transcript = await (await staff.get('/staff/conversations/webchat/askim-1')).text();
    assert.match(transcript, /Hvor lenge lagres opptak fra kameraovervåking\?/);
    assert.doesNotMatch(transcript, /kari\.nordmann@eksempel\.no|Barnehagen, svar til/);
  });

  it('refuses the other municipality’s conversation', async () => {
    assert.equal((await staff.get('/staff/conversations/webchat/stranda-1')).status, 403);
  });
});
