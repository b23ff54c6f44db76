// Generated from chapters/10-live.md by `cargo xtask tangle`: edit the chapter, not this file. Hash of the lines below: b55e505ac15a67b9
//! The module the page loads, run outside a browser by wasmi, a WebAssembly
//! interpreter written in Rust.

use wasmi::{Engine, Instance, Linker, Module, Store};

/// What can go wrong: the module does not load, or lacks what is called.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Where the built module is kept, beside the chapter.
pub const PATH: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../chapters/live/ch10_live.wasm");

/// One running instance of the module.
pub struct Wasm {
    store: Store<()>,
    instance: Instance,
}

impl Wasm {
    /// Compiles and starts the module in `bytes`.
    pub fn new(bytes: &[u8]) -> Result<Wasm> {
        let engine = Engine::default();
        let module = Module::new(&engine, bytes)?;
        let mut store = Store::new(&engine, ());
        // The module imports nothing: it needs no host functions.
        let instance =
            Linker::new(&engine).instantiate_and_start(&mut store, &module)?;
        Ok(Wasm { store, instance })
    }

    /// Calls the exported function `name` with `params`.
    pub fn call<P: wasmi::WasmParams, R: wasmi::WasmResults>(
        &mut self,
        name: &str,
        params: P,
    ) -> Result<R> {
        let function =
            self.instance.get_typed_func::<P, R>(&self.store, name)?;
        Ok(function.call(&mut self.store, params)?)
    }

    /// The module's points after a start that returned `count`: x, y and
    /// label for each, read from its memory.
    pub fn points(&mut self, count: u32) -> Result<Vec<f64>> {
        let address = self.call::<(), u32>("points", ())? as usize;
        let memory = self.instance.get_memory(&self.store, "memory");
        let memory = memory.ok_or("the module exports no memory")?;
        let bytes = &memory.data(&self.store)[address..][..24 * count as usize];
        let numbers = bytes.chunks_exact(8).map(|b| {
            f64::from_le_bytes(b.try_into().expect("chunks of eight bytes"))
        });
        Ok(numbers.collect())
    }
}
