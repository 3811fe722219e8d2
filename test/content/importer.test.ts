import assert from 'node:assert/strict';
import { cleanNoticeText, guessMalform, guessName, importNotice, splitSections } from '../../src/content/importer';

describe('importer', () => {
  describe('cleanNoticeText', () => {
    it('drops font-size buttons, weather and navigation before the notice title', () => {
      const raw = 'A A A\nAskim Regn 5\n\nPersonvernerklæring\n\nDenne erklæringen forklarer hvordan personvernet ivaretas.';
      assert.equal(cleanNoticeText(raw), 'Personvernerklæring\n\nDenne erklæringen forklarer hvordan personvernet ivaretas.');
    });
    it('drops template markup lines', () => {
      const raw = '• {{sprak.SprakNavn}}\n{{sprakVariabler["GlemtPassordTekst"]}}\n\nKva betyr GDPR?\n\nDen 20. juli 2018 tredde ny lov i kraft.';
      assert.equal(cleanNoticeText(raw), 'Kva betyr GDPR?\n\nDen 20. juli 2018 tredde ny lov i kraft.');
    });
  });

  describe('splitSections', () => {
    it('splits by headings, keeps the wording and bullets, and gives slug ids', () => {
      const text = 'Hva er en personopplysning?\n\nEnhver opplysning om deg.\n\nKategorier\n\nVi behandler:\n • Navn\n • Adresse';
      assert.deepEqual(splitSections(text), [
        { id: 'hva-er-en-personopplysning', title: 'Hva er en personopplysning?', text: 'Enhver opplysning om deg.' },
        { id: 'kategorier', title: 'Kategorier', text: 'Vi behandler:\n • Navn\n • Adresse' },
      ]);
    });
    it('joins a heading without text to the next one', () => {
      const sections = splitSections('Dine rettar\n\nInnsyn\n\nDu kan be om innsyn.');
      assert.deepEqual(sections.map((s) => s.title), ['Dine rettar – Innsyn']);
    });
    it('does not take contact lines or sentences for headings', () => {
      const sections = splitSections('Kontakt\n\nTelefon: 56 57 50 00\n\npost@kommune.no\n\nSkriv til oss.');
      assert.equal(sections.length, 1);
    });
  });

  it('reads headings from HTML', () => {
    const draft = importNotice('<h1>Personvernerklæring for Testby kommune</h1><h2>Innsyn</h2><p>Du har rett til innsyn.</p><ul><li>Kopi</li></ul>', 'testby', true);
    assert.equal(draft.name, 'Testby kommune');
    assert.deepEqual(draft.sections.map((s) => [s.title, s.text]), [['Personvernerklæring for Testby kommune – Innsyn', 'Du har rett til innsyn.\n\n • Kopi']]);
  });

  it('guesses målform and name', () => {
    assert.equal(guessMalform('Kva rettar har eg? Korleis behandlar de opplysningar? Eg vil ikkje.'), 'nn');
    assert.equal(guessMalform('Hva er rettighetene mine? Hvordan behandler dere opplysninger?'), 'nb');
    assert.equal(guessName('Stranda kommune er ansvarleg. Stranda kommune har eit ombod.'), 'Stranda kommune');
    assert.equal(guessName('Kommunen behandler opplysninger.'), undefined);
  });
});
