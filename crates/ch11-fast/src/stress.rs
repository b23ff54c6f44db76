//! Random expression graphs over every operation, and their gradients from
//! every engine with a graph, to check against central differences.
