// Runs dynalite's cli.js, and exits as soon as the process that started it (the test host) is gone,
// so a crashed or killed test run leaves no dynalite behind.
// Usage: node dynalite-watchdog.js <parent pid> <path to dynalite/cli.js> [dynalite options...]
'use strict'

const parentPid = Number(process.argv[2])
const cli = process.argv[3]

setInterval(() => {
  try {
    process.kill(parentPid, 0)
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; only ESRCH means it is gone.
    if (error.code !== 'EPERM') process.exit(0)
  }
}, 500).unref()

// cli.js reads its options from process.argv.slice(2).
process.argv = [ process.argv[0], cli, ...process.argv.slice(4) ]
require(cli)
