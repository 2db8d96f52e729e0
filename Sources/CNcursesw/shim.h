#ifndef WORKERDECK_CNCURSESW_SHIM_H
#define WORKERDECK_CNCURSESW_SHIM_H
// ncursesw with the wide-character API (get_wch, setcchar, wadd_wch).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <poll.h>
#include <signal.h>

// Swift cannot import function-like macros; these wrap the ones we use.
static inline int wd_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline unsigned int wd_attr_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int wd_attr_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int wd_attr_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int wd_attr_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int wd_attr_italic(void) { return (unsigned int)A_ITALIC; }
static inline unsigned int wd_attr_normal(void) { return (unsigned int)A_NORMAL; }
static inline int wd_key_resize(void) { return KEY_RESIZE; }
static inline int wd_key_code_yes(void) { return KEY_CODE_YES; }
static inline int wd_err(void) { return ERR; }
static inline int wd_ok(void) { return OK; }
static inline int wd_wcwidth(wchar_t c) { return wcwidth(c); }
static inline WINDOW *wd_stdscr(void) { return stdscr; }
static inline int wd_lines(void) { return LINES; }
static inline int wd_cols(void) { return COLS; }
static inline int wd_colors(void) { return COLORS; }
static inline int wd_color_pairs(void) { return COLOR_PAIRS; }
static inline void wd_setlocale_all(void) { setlocale(LC_ALL, ""); }
static inline void wd_set_escdelay(int ms) { set_escdelay(ms); }

// Wide input: returns OK (a character), KEY_CODE_YES (a key code) or ERR.
static inline int wd_get_wch(unsigned int *out) {
    wint_t c = 0;
    int r = wget_wch(stdscr, &c);
    *out = (unsigned int)c;
    return r;
}

// Writes one grapheme (spacing char + up to 4 combining chars) with
// attributes and a colour pair at (y, x). Returns -2 when the grapheme
// cannot be encoded (setcchar failed); otherwise the result of mvwadd_wch,
// which is ERR (harmlessly) in the bottom-right cell, where the cursor
// cannot advance although the character is written.
static inline int wd_put_cell(int y, int x, const wchar_t *wch, unsigned int attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, (attr_t)attrs, pair, NULL) == ERR) return -2;
    return mvwadd_wch(stdscr, y, x, &cc);
}

// The terminal size from the tty (after SIGWINCH).
static inline int wd_winsize(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// Blocks until stdin or `wake_fd` is readable, or `timeout_ms` passes
// (-1: forever). Bit 0: stdin readable; bit 1: wake_fd readable.
static inline int wd_wait(int wake_fd, int timeout_ms) {
    struct pollfd fds[2];
    fds[0].fd = STDIN_FILENO; fds[0].events = POLLIN; fds[0].revents = 0;
    fds[1].fd = wake_fd; fds[1].events = POLLIN; fds[1].revents = 0;
    int r = poll(fds, 2, timeout_ms);
    if (r <= 0) return 0;
    return ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0) | ((fds[1].revents & POLLIN) ? 2 : 0);
}

static inline void wd_ignore_sigwinch(void) { signal(SIGWINCH, SIG_IGN); }

// Starts ncurses on the process's tty without exiting on failure (initscr
// would print and exit when TERM is unknown). Returns 0 on success.
static inline int wd_start_screen(void) {
    FILE *out = fdopen(STDOUT_FILENO, "w");
    FILE *in = fdopen(STDIN_FILENO, "r");
    if (out == NULL || in == NULL) return -1;
    SCREEN *screen = newterm(NULL, out, in);
    if (screen == NULL) return -1;
    set_term(screen);
    return 0;
}
static inline int wd_key_mouse(void) { return KEY_MOUSE; }
static inline int wd_key_max(void) { return KEY_MAX; }
static inline mmask_t wd_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t wd_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
