// simple-peer's browser bundle: the package's main entry needs Node's `global` and breaks a Vite
// build, so the renderer imports the prebuilt bundle, which has the same API and types.
declare module 'simple-peer/simplepeer.min.js' {
  import SimplePeer from 'simple-peer';
  export default SimplePeer;
}
