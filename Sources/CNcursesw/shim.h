#ifndef BATON_CNCURSESW_SHIM_H
#define BATON_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <signal.h>
#include <pthread.h>
#include <ncursesw/curses.h>

/* Curses macros and globals that Swift cannot import (or, in Swift 6, may not touch). */

static inline attr_t baton_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t baton_A_BOLD(void) { return A_BOLD; }
static inline attr_t baton_A_DIM(void) { return A_DIM; }
static inline attr_t baton_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t baton_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t baton_A_ITALIC(void) { return A_ITALIC; }
static inline int baton_KEY_F(int n) { return KEY_F(n); }

/* The number of colours and colour pairs the terminal offers (valid after start_color). */
static inline int baton_colors(void) { return COLORS; }
/* Mouse: left-button presses only, reported at once (no click timing). */
static inline mmask_t baton_mouse_mask(void) { return BUTTON1_PRESSED; }
static inline int baton_key_mouse(void) { return KEY_MOUSE; }
static inline int baton_is_left_press(const MEVENT *event) { return (event->bstate & BUTTON1_PRESSED) != 0; }
static inline int baton_color_pairs(void) { return COLOR_PAIRS; }

/* A screen on the process's standard streams; NULL when the terminal cannot be used. */
static inline SCREEN *baton_newterm(void) { return newterm(NULL, stdout, stdin); }
/* Whether the current terminal can move the cursor to any cell (it has `cup`). */
static inline int baton_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
/* The standard window of the current screen. */
static inline WINDOW *baton_stdscr(void) { return stdscr; }

/* Signal dispositions: SIG_DFL and SIG_IGN are casts Swift cannot import. */
static inline int baton_sigaction(int sig, void (*handler)(int)) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: blocking calls return EINTR */
    action.sa_handler = handler;
    return sigaction(sig, &action, NULL);
}
static inline int baton_signal_default(int sig) { return baton_sigaction(sig, SIG_DFL); }
static inline int baton_signal_ignore(int sig) { return baton_sigaction(sig, SIG_IGN); }
/* Unblocks every signal for the calling thread. */
static inline int baton_unblock_all_signals(void) {
    sigset_t empty;
    sigemptyset(&empty);
    return pthread_sigmask(SIG_SETMASK, &empty, NULL);
}
#endif
