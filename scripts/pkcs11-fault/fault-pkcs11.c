/*
 * A PKCS#11 module that forwards to a real one (SoftHSM in tests) and injects the token failures a
 * software token never produces: a token pulled out mid-signature, PIN retry flags and lockout,
 * middleware that cannot lock, a PIN pad, a slow login.
 *
 *   VANTHU_FAULT_REAL_MODULE  path of the module to wrap (required)
 *   VANTHU_FAULT_CONTROL      key=value file, re-read on every intercepted call so a test can change
 *                             faults while the module stays loaded; a missing file means no faults:
 *     sign_fail_at=K          the K-th real C_Sign of the process fails with CKR_DEVICE_REMOVED and
 *                             the token stays removed for the rest of the process
 *     removed=1               the token is unplugged
 *     pin_flags=count_low,final_try,locked   added to the token flags; locked refuses C_Login
 *     hide_pin_flags=1        the token never reports its PIN retry counter
 *     no_raw_rsa=1            CKM_RSA_PKCS is neither listed nor accepted (hash-on-card middleware)
 *     crash_on_sign=1         C_Sign aborts the process (a crashing vendor driver)
 *     cant_lock=1             C_Initialize asking for OS locking fails with CKR_CANT_LOCK
 *     pin_pad=<pin>           a PIN pad: C_Login without a PIN logs in with <pin>
 *     login_delay_ms=N        C_Login waits N ms first
 *     login_log=<path>        appends one line per C_Login call (never the PIN)
 *     token_label=<label>     faults apply only to the token with this label
 *
 * Build (scripts/lib/fault-module.ts does this):
 *   cc -shared -fPIC -O2 -I node_modules/pkcs11js/includes/pkcs11 -o fault-pkcs11.so fault-pkcs11.c -ldl
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pkcs11.h"

typedef struct {
  unsigned long sign_fail_at;
  int removed;
  CK_FLAGS pin_flags;
  int hide_pin_flags;
  int no_raw_rsa;
  int crash_on_sign;
  int cant_lock;
  int pin_pad;
  char pad_pin[256];
  unsigned long login_delay_ms;
  int has_token_label;
  char token_label[33];
  char login_log[512];
} faults_t;

static CK_FUNCTION_LIST_PTR real;
static CK_FUNCTION_LIST wrapped;
static unsigned long sign_calls;
static int removed_by_sign;

static void trim(char *text) {
  char *start = text;
  while (*start == ' ' || *start == '\t') start++;
  size_t length = strlen(start);
  while (length > 0 && strchr(" \t\r\n", start[length - 1])) length--;
  memmove(text, start, length);
  text[length] = '\0';
}

static int parse_pin_flags(char *value, CK_FLAGS *flags) {
  for (char *save = NULL, *name = strtok_r(value, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
    trim(name);
    if (strcmp(name, "count_low") == 0) *flags |= CKF_USER_PIN_COUNT_LOW;
    else if (strcmp(name, "final_try") == 0) *flags |= CKF_USER_PIN_FINAL_TRY;
    else if (strcmp(name, "locked") == 0) *flags |= CKF_USER_PIN_LOCKED;
    else if (*name) return 0;
  }
  return 1;
}

/* Unknown keys are an error, not ignored: a misspelt fault would otherwise make a test pass for the wrong reason. */
static int read_faults(faults_t *faults) {
  memset(faults, 0, sizeof *faults);
  const char *path = getenv("VANTHU_FAULT_CONTROL");
  FILE *file = path ? fopen(path, "r") : NULL;
  if (!file) return 1;
  char line[512];
  int ok = 1;
  while (ok && fgets(line, sizeof line, file)) {
    trim(line);
    if (line[0] == '\0' || line[0] == '#') continue;
    char *equals = strchr(line, '=');
    if (!equals) {
      ok = 0;
      break;
    }
    *equals = '\0';
    char *key = line, *value = equals + 1;
    trim(key);
    trim(value);
    if (strcmp(key, "sign_fail_at") == 0) faults->sign_fail_at = strtoul(value, NULL, 10);
    else if (strcmp(key, "removed") == 0) faults->removed = strcmp(value, "1") == 0;
    else if (strcmp(key, "pin_flags") == 0) ok = parse_pin_flags(value, &faults->pin_flags);
    else if (strcmp(key, "hide_pin_flags") == 0) faults->hide_pin_flags = strcmp(value, "1") == 0;
    else if (strcmp(key, "no_raw_rsa") == 0) faults->no_raw_rsa = strcmp(value, "1") == 0;
    else if (strcmp(key, "crash_on_sign") == 0) faults->crash_on_sign = strcmp(value, "1") == 0;
    else if (strcmp(key, "cant_lock") == 0) faults->cant_lock = strcmp(value, "1") == 0;
    else if (strcmp(key, "pin_pad") == 0) {
      faults->pin_pad = 1;
      snprintf(faults->pad_pin, sizeof faults->pad_pin, "%s", value);
    } else if (strcmp(key, "login_delay_ms") == 0) faults->login_delay_ms = strtoul(value, NULL, 10);
    else if (strcmp(key, "login_log") == 0) snprintf(faults->login_log, sizeof faults->login_log, "%s", value);
    else if (strcmp(key, "token_label") == 0) {
      faults->has_token_label = 1;
      snprintf(faults->token_label, sizeof faults->token_label, "%s", value);
    } else ok = 0;
  }
  fclose(file);
  if (!ok) fprintf(stderr, "fault-pkcs11: cannot understand %s (line: %s)\n", path, line);
  return ok;
}

static int label_matches(const faults_t *faults, const CK_TOKEN_INFO *info) {
  if (!faults->has_token_label) return 1;
  char label[sizeof info->label + 1];
  memcpy(label, info->label, sizeof info->label);
  label[sizeof info->label] = '\0';
  trim(label);
  return strcmp(label, faults->token_label) == 0;
}

static int slot_matches(const faults_t *faults, CK_SLOT_ID slot) {
  if (!faults->has_token_label) return 1;
  CK_TOKEN_INFO info;
  return real->C_GetTokenInfo(slot, &info) == CKR_OK && label_matches(faults, &info);
}

static int session_matches(const faults_t *faults, CK_SESSION_HANDLE session) {
  if (!faults->has_token_label) return 1;
  CK_SESSION_INFO info;
  return real->C_GetSessionInfo(session, &info) == CKR_OK && slot_matches(faults, info.slotID);
}

static int is_removed(const faults_t *faults) {
  return faults->removed || __atomic_load_n(&removed_by_sign, __ATOMIC_SEQ_CST);
}

static CK_RV fault_Initialize(CK_VOID_PTR init_args) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  CK_C_INITIALIZE_ARGS_PTR args = init_args;
  if (faults.cant_lock && args && (args->flags & CKF_OS_LOCKING_OK)) return CKR_CANT_LOCK;
  return real->C_Initialize(init_args);
}

static CK_RV fault_GetSlotList(CK_BBOOL token_present, CK_SLOT_ID_PTR slots, CK_ULONG_PTR count) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  if (!token_present || !is_removed(&faults)) return real->C_GetSlotList(token_present, slots, count);
  if (!count) return CKR_ARGUMENTS_BAD;
  CK_ULONG total = 0;
  CK_RV rv = real->C_GetSlotList(CK_TRUE, NULL, &total);
  if (rv != CKR_OK) return rv;
  CK_SLOT_ID *all = calloc(total ? total : 1, sizeof *all);
  if (!all) return CKR_HOST_MEMORY;
  rv = real->C_GetSlotList(CK_TRUE, all, &total);
  CK_ULONG kept = 0;
  for (CK_ULONG i = 0; rv == CKR_OK && i < total; i++) {
    if (!slot_matches(&faults, all[i])) all[kept++] = all[i];
  }
  if (rv == CKR_OK && slots) {
    if (*count < kept) rv = CKR_BUFFER_TOO_SMALL;
    else memcpy(slots, all, kept * sizeof *all);
  }
  if (rv == CKR_OK || rv == CKR_BUFFER_TOO_SMALL) *count = kept;
  free(all);
  return rv;
}

static CK_RV fault_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  CK_RV rv = real->C_GetSlotInfo(slot, info);
  if (rv == CKR_OK && is_removed(&faults) && slot_matches(&faults, slot)) info->flags &= ~(CK_FLAGS)CKF_TOKEN_PRESENT;
  return rv;
}

static CK_RV fault_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  CK_RV rv = real->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK || !label_matches(&faults, info)) return rv;
  if (is_removed(&faults)) {
    memset(info, 0, sizeof *info);
    return CKR_TOKEN_NOT_PRESENT;
  }
  /* Many cheap tokens never report their retry counter: the flags stay clear whatever happens. */
  if (faults.hide_pin_flags) info->flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  info->flags |= faults.pin_flags;
  if (faults.pin_pad) info->flags |= CKF_PROTECTED_AUTHENTICATION_PATH;
  return rv;
}

static CK_RV fault_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR application, CK_NOTIFY notify,
                               CK_SESSION_HANDLE_PTR session) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  if (is_removed(&faults) && slot_matches(&faults, slot)) return CKR_DEVICE_REMOVED;
  return real->C_OpenSession(slot, flags, application, notify, session);
}

static CK_RV fault_Login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG pin_length) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  /* One line per C_Login, never the PIN: lets a test prove a wrong PIN is not retried. */
  if (faults.login_log[0]) {
    FILE *log = fopen(faults.login_log, "a");
    if (log) {
      fprintf(log, "C_Login user=%lu\n", (unsigned long)user);
      fclose(log);
    }
  }
  if (!session_matches(&faults, session)) return real->C_Login(session, user, pin, pin_length);
  if (faults.login_delay_ms) {
    struct timespec delay = {(time_t)(faults.login_delay_ms / 1000), (long)(faults.login_delay_ms % 1000) * 1000000L};
    nanosleep(&delay, NULL);
    /* Read again: the token may have been pulled out while the user was typing. */
    if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  }
  if (is_removed(&faults)) return CKR_DEVICE_REMOVED;
  if (user != CKU_SO && (faults.pin_flags & CKF_USER_PIN_LOCKED)) return CKR_PIN_LOCKED;
  /* pkcs11js cannot pass a NULL PIN, only an empty one, so both mean "entered on the pad". */
  if (faults.pin_pad && (!pin || pin_length == 0)) {
    return real->C_Login(session, user, (CK_UTF8CHAR_PTR)faults.pad_pin, (CK_ULONG)strlen(faults.pad_pin));
  }
  return real->C_Login(session, user, pin, pin_length);
}

static CK_RV fault_SignInit(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  if (is_removed(&faults) && session_matches(&faults, session)) return CKR_DEVICE_REMOVED;
  if (faults.no_raw_rsa && mechanism && mechanism->mechanism == CKM_RSA_PKCS) return CKR_MECHANISM_INVALID;
  return real->C_SignInit(session, mechanism, key);
}

/* Middleware that only hashes on the card: CKM_RSA_PKCS is not offered. */
static CK_RV fault_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  CK_RV rv = real->C_GetMechanismList(slot, list, count);
  if (rv != CKR_OK || !faults.no_raw_rsa || !list) return rv;
  CK_ULONG kept = 0;
  for (CK_ULONG index = 0; index < *count; index++) {
    if (list[index] != CKM_RSA_PKCS) list[kept++] = list[index];
  }
  *count = kept;
  return rv;
}

static CK_RV fault_Sign(CK_SESSION_HANDLE session, CK_BYTE_PTR data, CK_ULONG data_length, CK_BYTE_PTR signature,
                        CK_ULONG_PTR signature_length) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  if (!session_matches(&faults, session)) return real->C_Sign(session, data, data_length, signature, signature_length);
  if (is_removed(&faults)) return CKR_DEVICE_REMOVED;
  /* Vendor middleware does crash: the whole process goes, as with a real fault in a DLL. */
  if (faults.crash_on_sign) abort();
  /* Size queries (NULL output) do not count: only a call that would produce a signature does. */
  if (signature) {
    unsigned long call = __atomic_add_fetch(&sign_calls, 1, __ATOMIC_SEQ_CST);
    if (faults.sign_fail_at && call == faults.sign_fail_at) {
      __atomic_store_n(&removed_by_sign, 1, __ATOMIC_SEQ_CST);
      return CKR_DEVICE_REMOVED;
    }
  }
  return real->C_Sign(session, data, data_length, signature, signature_length);
}

static CK_RV fault_FindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR template, CK_ULONG count) {
  faults_t faults;
  if (!read_faults(&faults)) return CKR_GENERAL_ERROR;
  if (is_removed(&faults) && session_matches(&faults, session)) return CKR_DEVICE_REMOVED;
  return real->C_FindObjectsInit(session, template, count);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (!list) return CKR_ARGUMENTS_BAD;
  if (!real) {
    const char *path = getenv("VANTHU_FAULT_REAL_MODULE");
    if (!path) {
      fprintf(stderr, "fault-pkcs11: VANTHU_FAULT_REAL_MODULE is not set\n");
      return CKR_GENERAL_ERROR;
    }
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    CK_C_GetFunctionList get_function_list = library ? (CK_C_GetFunctionList)dlsym(library, "C_GetFunctionList") : NULL;
    CK_FUNCTION_LIST_PTR functions = NULL;
    if (!get_function_list || get_function_list(&functions) != CKR_OK || !functions) {
      fprintf(stderr, "fault-pkcs11: cannot load %s: %s\n", path, library ? "no function list" : dlerror());
      return CKR_GENERAL_ERROR;
    }
    wrapped = *functions;
    wrapped.C_GetFunctionList = C_GetFunctionList;
    wrapped.C_Initialize = fault_Initialize;
    wrapped.C_GetSlotList = fault_GetSlotList;
    wrapped.C_GetSlotInfo = fault_GetSlotInfo;
    wrapped.C_GetTokenInfo = fault_GetTokenInfo;
    wrapped.C_OpenSession = fault_OpenSession;
    wrapped.C_Login = fault_Login;
    wrapped.C_SignInit = fault_SignInit;
    wrapped.C_GetMechanismList = fault_GetMechanismList;
    wrapped.C_Sign = fault_Sign;
    wrapped.C_FindObjectsInit = fault_FindObjectsInit;
    real = functions;
  }
  *list = &wrapped;
  return CKR_OK;
}
