// Tests run server modules in Node directly, outside Next's server layer.
export {};
