// A Word stand-in built on office-addin-mock: Word.run, context.sync, document.getSelection(),
// document.contentControls (load("items")), getByTag, properties.title, body.paragraphs.
// insertOoxml at the selection parses the OOXML for <w:sdt> controls (tag, title) like Word does.
import { OfficeMockObject } from "office-addin-mock";

export interface MockControl {
  id: number;
  tag: string;
  title: string;
  /** OOXML last written into the control (the initial text for controls created by the test). */
  content: string;
  /** How many times the add-in wrote the content of this control. */
  writes: number;
  selected: boolean;
}

let nextId = 100;

/** Content controls found in a flat-OPC OOXML string: one per <w:sdt>, with w:tag and w:alias. */
export function controlsInOoxml(ooxml: string): { tag: string; title: string }[] {
  const found: { tag: string; title: string }[] = [];
  for (const sdt of ooxml.match(/<w:sdt>[\s\S]*?<\/w:sdtPr>/g) ?? []) {
    const tag = /<w:tag w:val="([^"]*)"/.exec(sdt)?.[1] ?? "";
    const title = /<w:alias w:val="([^"]*)"/.exec(sdt)?.[1] ?? "";
    found.push({ tag, title });
  }
  return found;
}

export function mockWord(initial: { tag: string; title?: string; content?: string }[] = [], extras: { title?: string; paragraphs?: { text: string; styleBuiltIn: string }[] } = {}) {
  const controls: MockControl[] = initial.map((c) => ({ id: nextId++, tag: c.tag, title: c.title ?? "", content: c.content ?? "texte initial", writes: 0, selected: false }));
  const inserted: string[] = [];
  const collections: OfficeMockObject[] = [];

  const asItem = (control: MockControl) => ({
    id: control.id,
    title: control.title,
    get tag() {
      return control.tag;
    },
    set tag(value: string) {
      control.tag = value;
    },
    insertOoxml(ooxml: string) {
      control.content = ooxml;
      control.writes += 1;
    },
    select() {
      control.selected = true;
    },
  });
  const collection = (filter: (c: MockControl) => boolean) => {
    const mock = new OfficeMockObject({ items: controls.filter(filter).map(asItem) }, "word" as never);
    collections.push(mock);
    return mock;
  };

  const data = {
    context: {
      document: {
        getSelection() {
          return {
            insertOoxml(ooxml: string) {
              inserted.push(ooxml);
              for (const c of controlsInOoxml(ooxml)) controls.push({ id: nextId++, tag: c.tag, title: c.title, content: ooxml, writes: 1, selected: false });
            },
          };
        },
        properties: { title: extras.title ?? "" },
        body: { paragraphs: { items: extras.paragraphs ?? [] } },
      },
      async sync() {
        // Loaded values become readable after sync, as in Office.js.
        for (const mock of collections.splice(0)) await mock.sync();
        await (globalThis as unknown as { Word?: { context: { document: OfficeMockObject } } }).Word?.context.document.sync();
      },
    },
    async run<T>(callback: (context: unknown) => Promise<T>): Promise<T> {
      return callback((globalThis as unknown as { Word?: { context: unknown } }).Word!.context);
    },
  };
  const word = new OfficeMockObject(data, "word" as never);
  // A fresh collection on every read, like Office.js proxies: the controls as they are now.
  Object.defineProperty((word as unknown as { context: { document: object } }).context.document, "contentControls", {
    get() {
      const all = collection(() => true);
      (all as unknown as { getByTag: (tag: string) => OfficeMockObject }).getByTag = (tag: string) => collection((c) => c.tag === tag);
      return all;
    },
  });
  (globalThis as Record<string, unknown>).Word = word;
  return { word, controls, inserted };
}

/** A flat-OPC package holding one rich-text content control, as GET /api/clauses/{id}/render returns. */
export const clauseOoxml = (tag: string, title: string, text: string) =>
  `<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"><pkg:part pkg:name="/word/document.xml"><pkg:xmlData><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:sdt><w:sdtPr><w:alias w:val="${title}"/><w:tag w:val="${tag}"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:sdtContent></w:sdt></w:body></w:document></pkg:xmlData></pkg:part></pkg:package>`;
