// Stands in for react-devtools-core in the bundle: Ink only connects to devtools in DEV mode.
export default {connectToDevTools() {}};
