// First among the app's imports: the UI benchmark's mark of the moment the
// app's code (React, Ant Design, the screens) starts to run.
performance.mark('vanthu:app-code');
