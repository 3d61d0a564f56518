import { applySmsGroups, normalizeSmsText, parseSms, smsReply, type SmsOutcome } from './sms-parser';

describe('SMS confirmation texts', () => {
  describe('parseSms', () => {
    it('reads MINKA <code> OK as everything accepted', () => {
      expect(parseSms('MINKA 7K3Q9X OK')).toEqual({ ok: true, code: '7K3Q9X', groups: [{ kind: 'all' }] });
    });

    it('ignores case, accents, the tilde of Ñ and stray punctuation', () => {
      const expected = { ok: true, code: '7K3Q9X', groups: [{ kind: 'counts', accepted: 8, rejected: 2, reason: 'damaged' }] };
      expect(parseSms('MINKA 7K3Q9X 8 2 DAÑADO')).toEqual(expected);
      expect(parseSms('  minka 7k3q9x 8 2 dañado ')).toEqual(expected);
      expect(parseSms('Minka: 7K3Q9X, 8 2 Dañados.')).toEqual(expected);
      expect(parseSms('MINKA 7K3Q9X 8 2 DANADO')).toEqual(expected);
      expect(parseSms('MÍNKA 7K3Q9X 8 2 dáñado')).toEqual(expected);
    });

    it('maps every reason word, in singular, plural, feminine and two words', () => {
      const reasonOf = (text: string): unknown => {
        const r = parseSms(`MINKA 7K3Q9X 1 1 ${text}`);
        return r.ok && r.groups[0]?.kind === 'counts' ? r.groups[0].reason : r;
      };
      expect(reasonOf('vencido')).toBe('expired');
      expect(reasonOf('VENCIDAS')).toBe('expired');
      expect(reasonOf('equivocado')).toBe('wrong_item');
      expect(reasonOf('no necesario')).toBe('not_needed');
      expect(reasonOf('No  Necesarias')).toBe('not_needed');
      expect(reasonOf('dañadas')).toBe('damaged');
    });

    it('normalises look-alike characters and dashes in the code, and a code typed in two halves', () => {
      expect(parseSms('MINKA 7k3-q9x OK')).toMatchObject({ ok: true, code: '7K3Q9X' });
      expect(parseSms('MINKA OK3L9X OK')).toMatchObject({ ok: true, code: '0K319X' });
      expect(parseSms('MINKA 7K3 Q9X 10')).toEqual({
        ok: true,
        code: '7K3Q9X',
        groups: [{ kind: 'counts', accepted: 10, rejected: 0, reason: null }],
      });
    });

    it('reads one group per line separated by semicolons, ignoring empty groups', () => {
      expect(parseSms('MINKA 7K3Q9X 8 2 DAÑADO; 5 0; OK;')).toEqual({
        ok: true,
        code: '7K3Q9X',
        groups: [
          { kind: 'counts', accepted: 8, rejected: 2, reason: 'damaged' },
          { kind: 'counts', accepted: 5, rejected: 0, reason: null },
          { kind: 'all' },
        ],
      });
      expect(parseSms('MINKA 7K3Q9X;8;;3 1 vencido')).toMatchObject({
        ok: true,
        groups: [{ accepted: 8 }, { accepted: 3, reason: 'expired' }],
      });
    });

    it('drops a reason given with zero rejected units', () => {
      expect(parseSms('MINKA 7K3Q9X 10 0 DAÑADO')).toMatchObject({ groups: [{ kind: 'counts', accepted: 10, rejected: 0, reason: null }] });
    });

    it('refuses texts that are not confirmations', () => {
      expect(parseSms('Hola, llegaron los kits')).toEqual({ ok: false, error: { kind: 'not_minka' } });
      expect(parseSms('')).toEqual({ ok: false, error: { kind: 'not_minka' } });
      expect(parseSms('MINKAS 7K3Q9X OK')).toEqual({ ok: false, error: { kind: 'not_minka' } });
      expect(parseSms('🙂🙂 MINKA')).toEqual({ ok: false, error: { kind: 'missing_code' } });
    });

    it('names what is wrong: missing or bad code, missing quantities, bad numbers, reasons', () => {
      expect(parseSms('MINKA')).toEqual({ ok: false, error: { kind: 'missing_code' } });
      expect(parseSms('MINKA 12345 OK')).toEqual({ ok: false, error: { kind: 'bad_code', token: '12345' } });
      expect(parseSms('MINKA UUUUUU OK')).toEqual({ ok: false, error: { kind: 'bad_code', token: 'UUUUUU' } });
      expect(parseSms('MINKA 7K3Q9X')).toEqual({ ok: false, error: { kind: 'missing_quantities' } });
      expect(parseSms('MINKA 7K3Q9X ;')).toEqual({ ok: false, error: { kind: 'missing_quantities' } });
      expect(parseSms('MINKA 7K3Q9X ocho dos')).toEqual({ ok: false, error: { kind: 'bad_number', group: 0, token: 'OCHO' } });
      expect(parseSms('MINKA 7K3Q9X 8 DAÑADO')).toEqual({ ok: false, error: { kind: 'bad_number', group: 0, token: 'DANADO' } });
      expect(parseSms('MINKA 7K3Q9X 8 -2 DAÑADO')).toEqual({ ok: false, error: { kind: 'bad_number', group: 0, token: '-2' } });
      expect(parseSms('MINKA 7K3Q9X 8 2')).toEqual({ ok: false, error: { kind: 'reason_required', group: 0 } });
      expect(parseSms('MINKA 7K3Q9X 8,5 2')).toEqual({ ok: false, error: { kind: 'unknown_reason', group: 0, token: '2' } });
      expect(parseSms('MINKA 7K3Q9X 5 0; 8 2')).toEqual({ ok: false, error: { kind: 'reason_required', group: 1 } });
      expect(parseSms('MINKA 7K3Q9X 8 2 ROTO')).toEqual({ ok: false, error: { kind: 'unknown_reason', group: 0, token: 'ROTO' } });
      expect(parseSms('MINKA 7K3Q9X OK OK')).toEqual({ ok: false, error: { kind: 'bad_number', group: 0, token: 'OK' } });
      expect(parseSms('MINKA 7K3Q9X 1234567')).toEqual({ ok: false, error: { kind: 'bad_number', group: 0, token: '1234567' } });
    });

    it('keeps only A–Z, digits, spaces, dashes and semicolons after normalising', () => {
      expect(normalizeSmsText('Minka:\n7k3q9x\t8 2 dañado!')).toBe('MINKA 7K3Q9X 8 2 DANADO');
    });
  });

  describe('applySmsGroups', () => {
    const lines = [{ dispatched: 10 }, { dispatched: 5 }];

    it('accepts every line with a single OK', () => {
      expect(applySmsGroups([{ kind: 'all' }], lines)).toEqual({
        ok: true,
        lines: [
          { accepted: 10, rejected: 0, missing: 0, rejectionReason: null },
          { accepted: 5, rejected: 0, missing: 0, rejectionReason: null },
        ],
      });
    });

    it('counts what is neither accepted nor rejected as missing', () => {
      const result = applySmsGroups(
        [
          { kind: 'counts', accepted: 8, rejected: 1, reason: 'damaged' },
          { kind: 'counts', accepted: 3, rejected: 0, reason: null },
        ],
        lines,
      );
      expect(result).toEqual({
        ok: true,
        lines: [
          { accepted: 8, rejected: 1, missing: 1, rejectionReason: 'damaged' },
          { accepted: 3, rejected: 0, missing: 2, rejectionReason: null },
        ],
      });
    });

    it('refuses totals above what was dispatched, naming the line', () => {
      expect(applySmsGroups([{ kind: 'all' }, { kind: 'counts', accepted: 5, rejected: 1, reason: 'expired' }], lines)).toEqual({
        ok: false,
        error: { kind: 'exceeds', group: 1, dispatched: 5 },
      });
    });

    it('refuses a number of groups that does not match the lines', () => {
      expect(applySmsGroups([{ kind: 'counts', accepted: 10, rejected: 0, reason: null }], lines)).toEqual({
        ok: false,
        error: { kind: 'group_count', expected: 2, got: 1 },
      });
      expect(applySmsGroups([{ kind: 'all' }, { kind: 'all' }, { kind: 'all' }], lines)).toMatchObject({
        ok: false,
        error: { kind: 'group_count', expected: 2, got: 3 },
      });
    });
  });

  describe('smsReply', () => {
    const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n]*$/;
    const outcomes: SmsOutcome[] = [
      {
        kind: 'confirmed',
        community: 'Ñuñoa de Ayacucho San Martín de los Andes Altos del Norte',
        accepted: 800000,
        rejected: 2,
        missing: 0,
      },
      { kind: 'not_minka' },
      { kind: 'missing_code' },
      { kind: 'bad_code', token: '12345678ABCD' },
      { kind: 'missing_quantities' },
      { kind: 'bad_number', group: 2, token: 'DANADOXXXXXX' },
      { kind: 'reason_required', group: 0 },
      { kind: 'unknown_reason', group: 11, token: 'ROTOSROTOSROTOSROTOS' },
      { kind: 'group_count', expected: 12, got: 1 },
      { kind: 'exceeds', group: 0, dispatched: 100000 },
      { kind: 'code_invalid' },
      { kind: 'code_expired' },
      { kind: 'not_confirmable' },
      { kind: 'too_many_attempts', minutes: 15 },
    ];

    it('answers in Spanish within one GSM-7 SMS for every outcome', () => {
      for (const outcome of outcomes) {
        const reply = smsReply(outcome);
        expect({ outcome: outcome.kind, reply, fits: reply.length <= 160, gsm: GSM7.test(reply) }).toEqual({
          outcome: outcome.kind,
          reply,
          fits: true,
          gsm: true,
        });
        expect(reply.startsWith('Minka: ')).toBe(true);
      }
    });

    it('says what was recorded on success and what to fix otherwise', () => {
      expect(smsReply({ kind: 'confirmed', community: 'Pomacanchi', accepted: 8, rejected: 2, missing: 0 })).toBe(
        'Minka: entrega a Pomacanchi confirmada. Aceptados 8, rechazados 2, faltantes 0. Gracias.',
      );
      expect(smsReply({ kind: 'reason_required', group: 0 })).toContain('DANADO, VENCIDO, EQUIVOCADO o NO NECESARIO');
      expect(smsReply({ kind: 'group_count', expected: 2, got: 1 })).toContain('tiene 2 tipos de kit');
    });
  });
});
