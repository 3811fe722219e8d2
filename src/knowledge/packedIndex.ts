/**
 * MiniSearch with its inverted index packed into flat arrays once it is built.
 *
 * Why: MiniSearch keeps its radix tree as nested Maps (one per tree node, per term, and per term
 * and field), and a Map costs ~185 bytes however small. At 357 municipalities that is ~780k Maps,
 * ~140 MB: most of the process's memory. Packed, the same tree is a few typed arrays and the edge
 * labels, ~12 % of that. Searching is still MiniSearch's own code: it walks the packed tree through
 * read-only Map views that yield the same keys in the same order, so hits, scores and their order
 * are unchanged.
 *
 * Trade-off: a packed index is read-only (add, remove and discard throw), and packing relies on
 * MiniSearch 7's index layout (`_index._tree`, a protected field of the pinned version), which
 * `pack` checks.
 */
import MiniSearch from 'minisearch';

/** MiniSearch's index value for one term: field id → short document id → term frequency. */
type DocumentFrequencies = Map<number, number>;
type FieldTermData = Map<number, DocumentFrequencies>;
type RadixTree = MiniSearch['_index']['_tree'];

/** The radix tree's key for a term's own data, beside the edges to longer terms. */
const LEAF = '';
const TOP = Number(process.env.TOP ?? 0);

export class PackedMiniSearch<T> extends MiniSearch<T> {
  /** Replaces the index's Maps by a packed copy; the index is read-only from then on. */
  pack(): void {
    this._index._tree = new PackedTree(this._index._tree).root();
  }
}

/**
 * The tree as arrays. Node n's edges are `nodeStart[n]` to `nodeStart[n + 1]` in `labels` and
 * `targets`, in the Maps' iteration order; an edge's target is a child node, or for the leaf edge
 * the offset of the term's data in `termData`: field count, then per field its id, document count
 * and (short document id, frequency) pairs.
 */
class PackedTree {
  readonly labels: string[] = [];
  readonly targets: Int32Array;
  readonly nodeStart: Int32Array;
  readonly termData: Int32Array;

  constructor(tree: RadixTree) {
    if (!(tree instanceof Map)) throw new Error('PackedMiniSearch: the index is already packed, or not MiniSearch 7\'s radix tree of Maps');
    const targets: number[] = [];
    const nodeStart: number[] = [];
    const termData: number[] = [];
    // Breadth first, so that each node's edges are contiguous and a child's number is known when its edge is written.
    const queue: Map<string, unknown>[] = [tree];
    for (let n = 0; n < queue.length; n++) {
      nodeStart.push(this.labels.length);
      for (const [label, value] of queue[n]!) {
        this.labels.push(label);
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
    nodeStart.push(this.labels.length);
    this.targets = Int32Array.from(targets);
    this.nodeStart = Int32Array.from(nodeStart);
    this.termData = Int32Array.from(termData);
  }

  private readonly topViews: NodeView[] = [];

  root(): RadixTree {
    // The views implement Map's read methods, which is all MiniSearch's search uses of the tree;
    // its RadixTree type also overloads get by key kind, which a class cannot declare.
    return this.node(0) as unknown as RadixTree;
  }

  node(n: number): NodeView {
    if (n >= TOP) return new NodeView(this, n);
    return (this.topViews[n] ??= new NodeView(this, n));
  }
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
    throw new Error('PackedMiniSearch: a packed index is read-only');
  }

  delete(): boolean {
    throw new Error('PackedMiniSearch: a packed index is read-only');
  }

  clear(): void {
    throw new Error('PackedMiniSearch: a packed index is read-only');
  }
}

/** A tree node: label → child node, or LEAF → the term's data. */
class NodeView extends ReadOnlyMapView<string, NodeView | TermView> {
  private readonly start: number;
  readonly size: number;

  constructor(
    private readonly tree: PackedTree,
    node: number,
  ) {
    super();
    this.start = tree.nodeStart[node]!;
    this.size = tree.nodeStart[node + 1]! - this.start;
  }

  get(label: string): NodeView | TermView | undefined {
    const i = this.indexOf(label);
    return i < 0 ? undefined : this.valueAt(i);
  }

  override has(label: string): boolean {
    return this.indexOf(label) >= 0;
  }

  keys(): MapIterator<string> {
    return new RangeIterator(this.tree.labels, this.start, this.start + this.size, 1);
  }

  protected valueAt(i: number): NodeView | TermView {
    const edge = this.start + i;
    const target = this.tree.targets[edge]!;
    return this.tree.labels[edge] === LEAF ? new TermView(this.tree.termData, target) : this.tree.node(target);
  }

  private indexOf(label: string): number {
    const { labels } = this.tree;
    for (let i = 0; i < this.size; i++) if (labels[this.start + i] === label) return i;
    return -1;
  }
}

/** One term's data: field id → its documents' frequencies. */
class TermView extends ReadOnlyMapView<number, DocumentFrequencies> {
  readonly size: number;

  constructor(
    private readonly data: Int32Array,
    private readonly offset: number,
  ) {
    super();
    this.size = data[offset]!;
  }

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
class FrequenciesView extends ReadOnlyMapView<number, number> {
  readonly size: number;

  /** `offset`: the document count, followed by the (id, frequency) pairs. */
  constructor(
    private readonly data: Int32Array,
    private readonly offset: number,
  ) {
    super();
    this.size = data[offset]!;
  }

  get(documentId: number): number | undefined {
    for (let i = 0, at = this.offset + 1; i < this.size; i++, at += 2) if (this.data[at] === documentId) return this.data[at + 1];
    return undefined;
  }

  keys(): MapIterator<number> {
    return new RangeIterator(this.data, this.offset + 1, this.offset + 1 + 2 * this.size, 2);
  }

  protected valueAt(i: number): number {
    return this.data[this.offset + 2 + 2 * i]!;
  }
}

/**
 * Every `step`th item of `items` from `start` to `end`: the keys of a view without copying them.
 * A search walks thousands of nodes, and copied keys and per-step result objects were most of its
 * garbage, so the iterator is its own result object (for…of and Array.from read each result
 * before asking for the next).
 */
class RangeIterator<T> implements MapIterator<T> {
  done = false;
  value: T | undefined = undefined;

  constructor(
    private readonly items: ArrayLike<T>,
    private at: number,
    private readonly end: number,
    private readonly step: number,
  ) {}

  next(): IteratorResult<T, undefined> {
    if (this.at < this.end) {
      this.value = this.items[this.at];
      this.at += this.step;
    } else {
      this.done = true;
      this.value = undefined;
    }
    return this as IteratorResult<T, undefined>;
  }

  [Symbol.iterator](): this {
    return this;
  }
}
