import BatonTerminal
import Foundation

/// What the process sets up before anything else runs, so that odd ways of being started do no harm.
enum Startup {
    /// Makes the process safe to run however it was started: closed standard streams are
    /// reopened on /dev/null, and exceeding the file-size limit is an error rather than death.
    static func prepare() {
        reopenClosedStandardStreams()
        Signals.ignoreFileSizeLimit()
    }

    /// Opens /dev/null onto each of descriptors 0, 1 and 2 that is closed. Started with one of them
    /// closed, the process would otherwise hand that number to the next file it opens, the board
    /// say, and then print its output or errors into the board.
    static func reopenClosedStandardStreams() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open() returns the lowest free number, which is this one, as the lower ones are open.
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened != descriptor {
                // /dev/null missing or unusable: stop rather than risk writing into a board.
                _exit(74)
            }
        }
    }
}
