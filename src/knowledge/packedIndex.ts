/**
 * MiniSearch with its inverted index packed into flat arrays once it is built.
 *
 * Why: MiniSearch keeps its radix tree as nested Maps (one per tree node, per term, and per term
 * and field), and a Map costs ~185 bytes however small. At 357 municipalities that is ~780k Maps,
 * 155 MB of heap: most of the process's memory. Packed, the same tree is three typed arrays and
 * the edge labels, 15 MB. Searching is still MiniSearch's own code: it walks the packed tree
 * through read-only Map views made on demand, which give the same keys in the same order, so hits,
 * scores and their order are unchanged (bench/fingerprint.ts).
 *
 * Trade-offs: a packed index is read-only (add, remove and discard throw); packing relies on
 * MiniSearch 7's index layout (`_index._tree`, a protected field; the version is pinned), which
 * `pack` checks; and a search makes more short-lived objects (the views), kept close to
 * MiniSearch's own by recycling iterators and keeping the views near the root.
 */
import MiniSearch from 'minisearch';

/** MiniSearch's index value for one term is field id → this: short document id → term frequency. */
type DocumentFrequencies = Map<number, number>;
type RadixTree = MiniSearch['_index']['_tree'];

/** The radix tree's key for a term's own data, beside the edges to longer terms. */
const LEAF = '';
/**
 * Views of the nodes numbered below this are kept once made: breadth first, they are the ones near
 * the root, which every search walks (a fuzzy search visits ~460 nodes). At most ~12 kB an index;
 * saves a tenth of a search's garbage.
 */
const KEPT_VIEWS = 256;

/**
 * Fuzzy lookups, kept: walking the tree within an edit distance of 2 or 3 is most of a search's
 * time, and residents use the same few hundred words. Shared by all indexes (keyed by index
 * number) so that memory is bounded however many municipalities there are: at most this many
 * results of a few entries each, ~1 kB apiece; emptied when full, like the stem cache.
 */
const FUZZY_CACHE_SIZE = 4_000;
const fuzzyCache = new Map<string, Map<string, [unknown, number]>>();
let packedIndexes = 0;

export class PackedMiniSearch<T> extends MiniSearch<T> {
  private packed = false;

  /**
   * Replaces the index's Maps by a packed copy; the index is read-only from then on. `labels`
   * interns the tree's edge labels (fragments of terms) across the indexes packed with it.
   */
  pack(labels: Map<string, string> = new Map()): void {
    this.assertNotPacked('pack');
    this._index._tree = new PackedTree(this._index._tree, labels).root();
    this.packed = true;
    this.keepFuzzyLookups();
  }

  /** A read-only tree's fuzzy matches for a term never change: looked up once, then copied from the cache. */
  private keepFuzzyLookups(): void {
    const index = this._index;
    const lookUp = index.fuzzyGet.bind(index);
    const prefix = `${packedIndexes++}\u0000`;
    index.fuzzyGet = (term: string, maxDistance: number) => {
      const key = `${prefix}${maxDistance}\u0000${term}`;
      let matches = fuzzyCache.get(key);
      if (matches === undefined) {
        if (fuzzyCache.size >= FUZZY_CACHE_SIZE) fuzzyCache.clear();
        matches = lookUp(term, maxDistance) as Map<string, [unknown, number]>;
        fuzzyCache.set(key, matches);
      }
      // A copy: MiniSearch deletes the terms it also found by prefix from what it is given.
      return new Map(matches) as ReturnType<typeof lookUp>;
    };
  }

  override add(document: T): void {
    this.assertNotPacked('add to');
    super.add(document);
  }

  override remove(document: T): void {
    this.assertNotPacked('remove from');
    super.remove(document);
  }

  override discard(id: unknown): void {
    this.assertNotPacked('discard from');
    super.discard(id);
  }

  private assertNotPacked(what: string): void {
    if (this.packed) throw new Error(`PackedMiniSearch: cannot ${what} a packed index (it is read-only)`);
  }
}

/**
 * The tree as arrays. Node n's edges are `nodeStart[n]` to `nodeStart[n + 1]` in `labels` and
 * `targets`, in the Maps' iteration order; an edge's target is a child node, or for the leaf edge
 * the offset of the term's data in `termData`: field count, then per field its id, document count
 * and (short document id, frequency) pairs.
 */
class PackedTree {
  readonly labels: string[];
  readonly targets: Ints;
  readonly nodeStart: Ints;
  readonly termData: Ints;
  private readonly views: NodeView[] = [];

  /** `labels` interns the edge labels: the same fragments of words recur in every notice. */
  constructor(tree: RadixTree, labels: Map<string, string>) {
    if (!(tree instanceof Map)) throw new Error('PackedMiniSearch: the index is not MiniSearch 7\'s radix tree of Maps');
    const edgeLabels: string[] = [];
    const targets: number[] = [];
    const nodeStart: number[] = [];
    const termData: number[] = [];
    // Breadth first, so that each node's edges are contiguous and a child's number is known when its edge is written.
    const queue: Map<string, unknown>[] = [tree];
    for (let n = 0; n < queue.length; n++) {
      nodeStart.push(edgeLabels.length);
      for (const [label, value] of queue[n]!) {
        let interned = labels.get(label);
        if (interned === undefined) labels.set(label, (interned = label));
        edgeLabels.push(interned);
        if (label === LEAF) {
          targets.push(termData.length);
          packTermData(value, termData);
        } else {
          if (!(value instanceof Map)) throw new Error(`PackedMiniSearch: tree node "${label}" is not a Map`);
          targets.push(queue.length);
          queue.push(value);
        }
      }
    }
    nodeStart.push(edgeLabels.length);
    this.labels = edgeLabels.slice(); // without the spare capacity pushing left
    this.targets = packInts(targets);
    this.nodeStart = packInts(nodeStart);
    this.termData = packInts(termData);
  }

  root(): RadixTree {
    // The views implement Map's read methods, which is all MiniSearch's search uses of the tree;
    // its RadixTree type also overloads get by key kind, which a class cannot declare.
    return new NodeView(this, 0) as unknown as RadixTree;
  }

  /** What an edge leads to: a child node, or for the leaf edge the term's data. */
  target(edge: number): NodeView | TermView {
    const target = this.targets[edge]!;
    if (this.labels[edge] === LEAF) return new TermView(this.termData, target);
    if (target >= KEPT_VIEWS) return new NodeView(this, target);
    return (this.views[target] ??= new NodeView(this, target));
  }
}

/** Non-negative integers in two bytes each when they fit (they do for a notice's index), else four. */
type Ints = Uint16Array | Int32Array;

function packInts(values: number[]): Ints {
  return values.every((v) => v <= 0xffff) ? Uint16Array.from(values) : Int32Array.from(values);
}

function packTermData(value: unknown, out: number[]): void {
  if (!(value instanceof Map)) throw new Error('PackedMiniSearch: term data is not a Map');
  out.push(value.size);
  for (const [fieldId, documents] of value as Map<unknown, unknown>) {
    if (!(documents instanceof Map)) throw new Error(`PackedMiniSearch: term data of field ${String(fieldId)} is not a Map`);
    out.push(int(fieldId), documents.size);
    for (const [documentId, frequency] of documents as Map<unknown, unknown>) out.push(int(documentId), int(frequency));
  }
}

function int(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    throw new Error(`PackedMiniSearch: expected a small non-negative integer in the index, got ${String(value)}`);
  }
  return value;
}

const READ_ONLY = 'PackedMiniSearch: a packed index is read-only';

/** The read methods of a Map over a range of keys and values computed on demand; writing throws. */
abstract class ReadOnlyMapView<K, V> implements Map<K, V> {
  abstract readonly size: number;
  abstract get(key: K): V | undefined;
  abstract keys(): MapIterator<K>;
  protected abstract valueAt(i: number): V;

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.size; i++) yield this.valueAt(i);
  }

  *entries(): MapIterator<[K, V]> {
    let i = 0;
    for (const key of this.keys()) yield [key, this.valueAt(i++)];
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: Map<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  get [Symbol.toStringTag](): string {
    return 'PackedMiniSearch index';
  }

  set(): this {
    throw new Error(READ_ONLY);
  }

  delete(): boolean {
    throw new Error(READ_ONLY);
  }

  clear(): void {
    throw new Error(READ_ONLY);
  }
}

/** A tree node: label → child node, or LEAF → the term's data. Made as a search walks the tree, so it keeps to two fields. */
class NodeView extends ReadOnlyMapView<string, NodeView | TermView> {
  constructor(
    private readonly tree: PackedTree,
    private readonly node: number,
  ) {
    super();
  }

  get size(): number {
    return this.tree.nodeStart[this.node + 1]! - this.tree.nodeStart[this.node]!;
  }

  get(label: string): NodeView | TermView | undefined {
    const edge = this.edge(label);
    return edge < 0 ? undefined : this.tree.target(edge);
  }

  override has(label: string): boolean {
    return this.edge(label) >= 0;
  }

  keys(): MapIterator<string> {
    return LabelIterator.over(this.tree.labels, this.tree.nodeStart[this.node]!, this.tree.nodeStart[this.node + 1]!);
  }

  protected valueAt(i: number): NodeView | TermView {
    return this.tree.target(this.tree.nodeStart[this.node]! + i);
  }

  private edge(label: string): number {
    const { labels, nodeStart } = this.tree;
    for (let edge = nodeStart[this.node]!, end = nodeStart[this.node + 1]!; edge < end; edge++) if (labels[edge] === label) return edge;
    return -1;
  }
}

/** A view of `termData` at `offset`: an entry count, followed by the entries. */
abstract class TermDataView<V> extends ReadOnlyMapView<number, V> {
  readonly size: number;

  constructor(
    protected readonly data: Ints,
    protected readonly offset: number,
  ) {
    super();
    this.size = data[offset]!;
  }
}

/** One term's data: field id → its documents' frequencies. */
class TermView extends TermDataView<DocumentFrequencies> {
  get(fieldId: number): DocumentFrequencies | undefined {
    for (let i = 0, at = this.offset + 1; i < this.size; i++, at += 2 + 2 * this.data[at + 1]!) {
      if (this.data[at] === fieldId) return new FrequenciesView(this.data, at + 1);
    }
    return undefined;
  }

  keys(): MapIterator<number> {
    const ids: number[] = [];
    for (let i = 0, at = this.offset + 1; i < this.size; i++, at += 2 + 2 * this.data[at + 1]!) ids.push(this.data[at]!);
    return ids.values();
  }

  protected valueAt(i: number): DocumentFrequencies {
    let at = this.offset + 1;
    for (let j = 0; j < i; j++) at += 2 + 2 * this.data[at + 1]!;
    return new FrequenciesView(this.data, at + 1);
  }
}

/** One term in one field: short document id → frequency. */
class FrequenciesView extends TermDataView<number> {
  get(documentId: number): number | undefined {
    for (let i = 0, at = this.offset + 1; i < this.size; i++, at += 2) if (this.data[at] === documentId) return this.data[at + 1];
    return undefined;
  }

  keys(): MapIterator<number> {
    const ids: number[] = [];
    for (let i = 0, at = this.offset + 1; i < this.size; i++, at += 2) ids.push(this.data[at]!);
    return ids.values();
  }

  protected valueAt(i: number): number {
    return this.data[this.offset + 2 + 2 * i]!;
  }
}

/**
 * A node's labels, without copying them. A search walks hundreds of nodes, and iterators were
 * most of its garbage, so they are recycled: an iterator goes back to a free list when it is done
 * or returned (for…of calls return() when it leaves a loop early), and is its own result object.
 * That is safe for MiniSearch's uses, for…of and Array.from, which read each result before asking
 * for the next and ask no more after the last.
 */
class LabelIterator implements MapIterator<string> {
  private static readonly free: LabelIterator[] = [];
  private static readonly FREE_MAX = 64;

  value: string | undefined = undefined;
  private labels: readonly string[] | undefined;
  private at = 0;
  private end = 0;

  static over(labels: readonly string[], start: number, end: number): LabelIterator {
    const iterator = LabelIterator.free.pop() ?? new LabelIterator();
    iterator.labels = labels;
    iterator.at = start;
    iterator.end = end;
    return iterator;
  }

  /** Labels are strings: undefined only once past the end. */
  get done(): boolean {
    return this.value === undefined;
  }

  next(): IteratorResult<string, undefined> {
    if (this.at < this.end) this.value = this.labels![this.at++];
    else this.release();
    return this as IteratorResult<string, undefined>;
  }

  return(): IteratorResult<string, undefined> {
    this.release();
    return this as IteratorResult<string, undefined>;
  }

  [Symbol.iterator](): this {
    return this;
  }

  private release(): void {
    this.value = undefined;
    if (this.labels === undefined) return;
    this.labels = undefined;
    if (LabelIterator.free.length < LabelIterator.FREE_MAX) LabelIterator.free.push(this);
  }
}
