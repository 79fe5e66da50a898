import "server-only";

/** Passwords of 10 characters or more that lead public lists of breached passwords, lower-cased. */
export const commonPasswords = new Set([
  "1234567890", "12345678910", "0123456789", "1111111111", "0000000000", "1234512345", "123456789a", "a123456789",
  "qwertyuiop", "qwerty1234", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsxcde3", "asdfghjkl1", "qwertyuiop1", "1q2w3e4r5t6y",
  "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "password!1", "iloveyou12", "iloveyou123",
  "football12", "baseball12", "superman123", "princess12", "sunshine12", "welcome123", "welcome1234", "letmein123",
  "administrator", "admin12345", "admin123456", "changeme123", "trustno1234", "monkey12345", "dragon12345", "master12345",
  "qwerty123456", "abcdefghij", "abcd123456", "abc1234567", "aa12345678", "1234567890a", "987654321a", "9876543210",
  "0987654321", "1029384756", "1122334455", "1212121212", "5555555555", "7777777777", "9999999999", "1231231231",
  "computer12", "whatever12", "starwars12", "pokemon123", "liverpool1", "chocolate1", "michael123", "jennifer12",
  "preferthinker", "preferthinker1", "studio12345",
]);
