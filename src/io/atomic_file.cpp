// okrkit — atomic file writes and whole-file reads.
#include "okrkit/io/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "okrkit/core/error.hpp"

namespace okrkit {

namespace {
std::string errno_text() { return std::strerror(errno); }

// Write all of `content` to fd; false (errno set) on failure.
bool write_all(int fd, std::string_view content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

// A device, FIFO or socket: written in place (there is nothing to replace).
void write_in_place(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
  if (fd < 0) throw IoError("cannot open for writing: " + errno_text(), {path});
  const bool ok = write_all(fd, content);
  std::string why = ok ? "" : errno_text();
  ::close(fd);
  if (!ok) throw IoError("cannot write: " + why, {path});
}
}  // namespace

void write_file_atomically(const std::string& given, std::string_view content) {
  std::string path = given;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    // Replace the link's target, not the link.
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      path = real;
      std::free(real);
    }
  }
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw IoError("is a directory", {given});
    write_in_place(path, content);
    return;
  }
  // Temporary file beside the target so rename() stays on one file system.
  std::string tmpl = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw IoError("cannot create a temporary file beside it: " + errno_text(), {given});
  if (!write_all(fd, content)) {
    std::string why = errno_text();
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw IoError("cannot write: " + why, {given});
  }
  // Close even when fsync fails, so a failed flush does not leak the descriptor.
  const bool synced = ::fsync(fd) == 0;
  std::string why = synced ? "" : errno_text();
  const bool closed = ::close(fd) == 0;
  if (synced && !closed) why = errno_text();
  if (!synced || !closed) {
    ::unlink(tmpl.c_str());
    throw IoError("cannot flush: " + why, {given});
  }
  ::chmod(tmpl.c_str(), 0644);
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmpl.c_str());
    throw IoError("cannot replace: " + why, {given});
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open: " + errno_text(), {path});
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError("cannot read", {path});
  return ss.str();
}

}  // namespace okrkit
