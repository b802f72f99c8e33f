// hls.js ships no declaration for its light build; it has the same API as the full one, minus
// features we never switch on (subtitles, alternate audio, DRM, CMCD).
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
}
