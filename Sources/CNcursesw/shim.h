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
#endif
