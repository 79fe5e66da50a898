/**
 * A minimal writer of ONNX model files (the protobuf messages of onnx.proto),
 * enough to describe a small feed-forward graph with float32 weights. Field
 * numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto,
 * TensorProto, ValueInfoProto, TypeProto, AttributeProto, OperatorSetIdProto).
 * Pure TypeScript, so the same bytes are made in Node and in tests.
 */

const wireVarint = 0;
const wireFixed32 = 5;
const wireLengthDelimited = 2;

/** ONNX TensorProto.DataType. */
export const onnxFloat = 1;

const textEncoder = new TextEncoder();

function encodeVarint(value: number): number[] {
  // Negative int64 values are ten bytes in two's complement; BigInt keeps them exact.
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0n);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const key = (field: number, wire: number) => encodeVarint((field << 3) | wire);
const varintField = (field: number, value: number) => Uint8Array.from([...key(field, wireVarint), ...encodeVarint(value)]);
const bytesField = (field: number, payload: Uint8Array) => concat([Uint8Array.from([...key(field, wireLengthDelimited), ...encodeVarint(payload.length)]), payload]);
const stringField = (field: number, text: string) => bytesField(field, textEncoder.encode(text));
const floatField = (field: number, value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return concat([Uint8Array.from(key(field, wireFixed32)), bytes]);
};

export type Attribute = { name: string; int: number } | { name: string; ints: number[] } | { name: string; float: number };

function encodeAttribute(attribute: Attribute): Uint8Array {
  // AttributeProto: name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, INTS 7).
  const parts = [stringField(1, attribute.name)];
  if ("int" in attribute) parts.push(varintField(3, attribute.int), varintField(20, 2));
  else if ("ints" in attribute) parts.push(...attribute.ints.map((value) => varintField(8, value)), varintField(20, 7));
  else parts.push(floatField(2, attribute.float), varintField(20, 1));
  return concat(parts);
}

export type GraphNode = { opType: string; inputs: string[]; outputs: string[]; name: string; attributes?: Attribute[] };

function encodeNode(node: GraphNode): Uint8Array {
  // NodeProto: input 1, output 2, name 3, op_type 4, attribute 5.
  return concat([
    ...node.inputs.map((input) => stringField(1, input)),
    ...node.outputs.map((output) => stringField(2, output)),
    stringField(3, node.name),
    stringField(4, node.opType),
    ...(node.attributes ?? []).map((attribute) => bytesField(5, encodeAttribute(attribute))),
  ]);
}

export type Initializer = { name: string; dims: number[]; values: Float32Array };

function encodeInitializer(tensor: Initializer): Uint8Array {
  // TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian float32).
  const raw = new Uint8Array(tensor.values.length * 4);
  const view = new DataView(raw.buffer);
  tensor.values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return concat([...tensor.dims.map((dim) => varintField(1, dim)), varintField(2, onnxFloat), stringField(8, tensor.name), bytesField(9, raw)]);
}

/** A float32 tensor's name and shape; a string dimension is symbolic (e.g. "batch"). */
export type ValueInfo = { name: string; shape: (number | string)[] };

function encodeValueInfo(value: ValueInfo): Uint8Array {
  // ValueInfoProto: name 1, type 2. TypeProto: tensor_type 1. Tensor: elem_type 1, shape 2.
  // TensorShapeProto: dim 1. Dimension: dim_value 1, dim_param 2.
  const dims = value.shape.map((dim) => bytesField(1, typeof dim === "number" ? varintField(1, dim) : stringField(2, dim)));
  const tensorType = concat([varintField(1, onnxFloat), bytesField(2, concat(dims))]);
  return concat([stringField(1, value.name), bytesField(2, bytesField(1, tensorType))]);
}

export type OnnxGraph = {
  name: string;
  nodes: GraphNode[];
  initializers: Initializer[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
};

export type OnnxModel = {
  graph: OnnxGraph;
  opsetVersion: number;
  producerName: string;
  docString: string;
  metadata: Record<string, string>;
};

/** ONNX IR version 8 goes with opsets up to 18, which every current runtime reads. */
const irVersion = 8;

/** Serialises a model to the bytes of a .onnx file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const { graph } = model;
  // GraphProto: node 1, name 2, initializer 5, input 11, output 12.
  const graphBytes = concat([
    ...graph.nodes.map((node) => bytesField(1, encodeNode(node))),
    stringField(2, graph.name),
    ...graph.initializers.map((tensor) => bytesField(5, encodeInitializer(tensor))),
    ...graph.inputs.map((input) => bytesField(11, encodeValueInfo(input))),
    ...graph.outputs.map((output) => bytesField(12, encodeValueInfo(output))),
  ]);
  // ModelProto: ir_version 1, producer_name 2, doc_string 6, graph 7, opset_import 8, metadata_props 14.
  return concat([
    varintField(1, irVersion),
    stringField(2, model.producerName),
    stringField(6, model.docString),
    bytesField(7, graphBytes),
    bytesField(8, concat([stringField(1, ""), varintField(2, model.opsetVersion)])),
    ...Object.entries(model.metadata).map(([name, value]) => bytesField(14, concat([stringField(1, name), stringField(2, value)]))),
  ]);
}
