/// What wakes a session when another one may have committed to its board: a watch on a board
/// file, or a listening connection to a database. The loop waits on `descriptor`; the change
/// feed then asks the store what changed.
protocol ChangeSignal: AnyObject {
    /// The descriptor to wait on, or -1 while there is none (no inotify, or the server is gone).
    var descriptor: Int32 { get }
    /// True when the signal comes after every other session's commit and only then, so the
    /// store needs asking only after it fired; false when it may come a moment early or be
    /// missed (a file's watcher), so the store is asked at every wake-up and a few more times.
    var firesOnlyAfterCommits: Bool { get }
    /// Reads what woke the loop (`ready`: the descriptor was readable); true when another
    /// session may have committed since the last call.
    func drain(ready: Bool) -> Bool
    /// How long the loop may sleep (`longest`, in milliseconds), given the signal's own work.
    func timeout(_ longest: Int32) -> Int32
    /// False while the signal cannot come (the server is gone and being tried again).
    var isConnected: Bool { get }
}

extension FileWatcher: ChangeSignal {
    var firesOnlyAfterCommits: Bool { false }
    func drain(ready: Bool) -> Bool { ready && drain() }
    func timeout(_ longest: Int32) -> Int32 { longest }
    var isConnected: Bool { true }
}
