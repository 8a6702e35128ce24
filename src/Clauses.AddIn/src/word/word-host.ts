// The thin layer over Word's JavaScript API (WordApi 1.3): every call to the `Word` global made by
// the Word pane is here, so everything else can be tested with office-addin-mock or a stand-in.

export const TAG_PREFIX = "clauses:";

export interface ControlInfo {
  id: number | string;
  tag: string;
  title: string;
}

interface LoadedControl {
  id: number | string;
  tag: string | null;
  title: string | null;
  insertOoxml(ooxml: string, location: "Replace" | "Start" | "End"): unknown;
  select(mode?: "Select" | "Start" | "End"): void;
}

function word(): typeof Word {
  const w = (globalThis as { Word?: typeof Word }).Word;
  if (!w || typeof w.run !== "function") throw new WordUnavailableError();
  return w;
}

export class WordUnavailableError extends Error {
  constructor() {
    super("Cette action n'est possible que dans Word : ouvrez le volet depuis un document Word.");
    this.name = "WordUnavailableError";
  }
}

/** True when the Word API is present (the pane runs inside Word). */
export function wordAvailable(): boolean {
  const w = (globalThis as { Word?: typeof Word }).Word;
  return !!w && typeof w.run === "function";
}

/** Inserts a flat-OPC OOXML package at the cursor, replacing the selection. */
export async function insertOoxmlAtSelection(ooxml: string): Promise<void> {
  await word().run(async (context) => {
    const range = context.document.getSelection();
    range.insertOoxml(ooxml, "Replace");
    await context.sync();
  });
}

/** The document's content controls whose tag starts with "clauses:". */
export async function listClauseControls(): Promise<ControlInfo[]> {
  return word().run(async (context) => {
    const controls = context.document.contentControls;
    controls.load("items");
    await context.sync();
    return (controls.items as unknown as LoadedControl[])
      .filter((c) => typeof c.tag === "string" && c.tag.startsWith(TAG_PREFIX))
      .map((c) => ({ id: c.id, tag: c.tag as string, title: c.title ?? "" }));
  });
}

/** Replaces the content of every control tagged `tag` with `contentOoxml` and retags it `newTag`.
 *  Returns how many controls were changed. Nothing else in the document is touched. */
export async function replaceControlContent(tag: string, contentOoxml: string, newTag: string): Promise<number> {
  return word().run(async (context) => {
    const controls = context.document.contentControls.getByTag(tag);
    controls.load("items");
    await context.sync();
    const items = controls.items as unknown as (LoadedControl & { tag: string })[];
    for (const control of items) {
      control.insertOoxml(contentOoxml, "Replace");
      control.tag = newTag;
    }
    await context.sync();
    return items.length;
  });
}

/** Selects (and scrolls to) the first control tagged `tag`; false if there is none. */
export async function selectControl(tag: string): Promise<boolean> {
  return word().run(async (context) => {
    const controls = context.document.contentControls.getByTag(tag);
    controls.load("items");
    await context.sync();
    const first = (controls.items as unknown as LoadedControl[])[0];
    if (!first) return false;
    first.select("Select");
    await context.sync();
    return true;
  });
}

interface ParagraphInfo {
  text: string;
  styleBuiltIn?: string | null;
  outlineLevel?: number | null;
}

/** The document's title: its first heading (Title, Heading 1…), else the document properties' title. */
export async function documentTitle(): Promise<string> {
  return word().run(async (context) => {
    const properties = context.document.properties;
    properties.load("title");
    const paragraphs = context.document.body.paragraphs;
    paragraphs.load("items");
    await context.sync();
    return pickTitle(paragraphs.items as unknown as ParagraphInfo[], properties.title);
  });
}

const HEADING_STYLES = /^(Title|Heading\d)$/i;

/** Pure part of documentTitle (tested without Word). */
export function pickTitle(paragraphs: ParagraphInfo[], propertiesTitle: string | null | undefined): string {
  const heading = paragraphs.find((p) => p.text.trim() !== "" && HEADING_STYLES.test(String(p.styleBuiltIn ?? "")));
  return (heading?.text ?? propertiesTitle ?? "").trim();
}
